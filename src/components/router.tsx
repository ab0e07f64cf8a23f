/**
 * The app's own hash router: the few things it needs from routing, in ~150 lines instead of a
 * 39 KB library on the first load (measured: the router was the second-largest script after
 * React DOM, and every kilobyte of the first load is compiled before anything can draw).
 *
 * Addresses are `#/view?filters`. The hash, not the path, so that the built app works from any
 * static host or sub-path without server rewrites. History semantics are the browser's: a link
 * (a plain <a href="#/…">) pushes an entry and fires `hashchange`; `navigate(…, { replace })`
 * rewrites the current entry (used for filter changes, so Back leaves the app instead of
 * stepping through clicks); Back and Forward fire `hashchange` too.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactElement, type ReactNode } from 'react';

export interface RouteLocation {
  /** `/forest` */
  pathname: string;
  /** `?outcome=relapse-free`, or '' */
  search: string;
}

export type To = string | { pathname?: string; search?: string };

interface NavigateOptions {
  replace?: boolean;
}

interface RouterValue {
  location: RouteLocation;
  navigate: (to: To, options?: NavigateOptions) => void;
}

const RouterContext = createContext<RouterValue | null>(null);

/** `#/forest?x=1` or `/forest?x=1` → its path and query; anything without a path is `/`. */
export function parseLocation(address: string): RouteLocation {
  const text = address.startsWith('#') ? address.slice(1) : address;
  const at = text.indexOf('?');
  const pathname = (at === -1 ? text : text.slice(0, at)) || '/';
  const search = at === -1 ? '' : text.slice(at);
  return { pathname: pathname.startsWith('/') ? pathname : `/${pathname}`, search: search === '?' ? '' : search };
}

/** Where a link goes from `from`: a string is a whole address; an object keeps what it leaves out. */
export function resolveTo(to: To, from: RouteLocation): RouteLocation {
  if (typeof to === 'string') return parseLocation(to);
  const search = to.search ?? (to.pathname === undefined ? from.search : '');
  return { pathname: to.pathname ?? from.pathname, search: search && !search.startsWith('?') ? `?${search}` : search };
}

export function hrefOf(location: RouteLocation): string {
  return `#${location.pathname}${location.search}`;
}

function useRouter(): RouterValue {
  const router = useContext(RouterContext);
  if (!router) throw new Error('A routing hook was used outside HashRouter or MemoryRouter.');
  return router;
}

/** The router of the app: state from `window.location.hash`, kept in step with it. */
export function HashRouter({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(() => parseLocation(window.location.hash));
  useEffect(() => {
    const follow = () => setLocation(parseLocation(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const navigate = useCallback((to: To, options?: NavigateOptions) => {
    // Resolved against the address bar, which is always current (state may lag a render behind).
    const next = resolveTo(to, parseLocation(window.location.hash));
    // pushState and replaceState fire no hashchange: the state is set here instead.
    if (options?.replace) window.history.replaceState(window.history.state, '', hrefOf(next));
    else window.history.pushState(null, '', hrefOf(next));
    setLocation(next);
  }, []);
  const value = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

/** A router that never touches the address bar (tests, and rendering a view on its own). */
export function MemoryRouter({ initialEntries = ['/'], children }: { initialEntries?: string[]; children: ReactNode }) {
  const [location, setLocation] = useState(() => parseLocation(initialEntries[initialEntries.length - 1] ?? '/'));
  const current = useRef(location);
  const navigate = useCallback((to: To) => {
    current.current = resolveTo(to, current.current);
    setLocation(current.current);
  }, []);
  const value = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useLocation(): RouteLocation {
  return useRouter().location;
}

export function useNavigate(): RouterValue['navigate'] {
  return useRouter().navigate;
}

/** The query of the current address, and a setter that keeps the path. */
export function useSearchParams(): [URLSearchParams, (next: URLSearchParams, options?: NavigateOptions) => void] {
  const { location, navigate } = useRouter();
  const params = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const setParams = useCallback(
    (next: URLSearchParams, options?: NavigateOptions) => {
      const text = next.toString();
      navigate({ search: text ? `?${text}` : '' }, options);
    },
    [navigate],
  );
  return [params, setParams];
}

/** A navigation link; the one for the current view is marked (class `active`, aria-current="page"). */
export function NavLink({ to, children }: { to: To; children: ReactNode }) {
  const { location, navigate } = useRouter();
  const target = resolveTo(to, location);
  const active = target.pathname === location.pathname;
  return (
    <a
      href={hrefOf(target)}
      className={active ? 'active' : undefined}
      aria-current={active ? 'page' : undefined}
      onClick={(event) => {
        // A plain click is handled here (works under MemoryRouter too); a modified click
        // (new tab, new window) is the browser's.
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(target);
      }}
    >
      {children}
    </a>
  );
}

/** Redirects once rendered. */
export function Navigate({ to, replace = false }: { to: To; replace?: boolean }) {
  const { location, navigate } = useRouter();
  const target = hrefOf(resolveTo(to, location));
  useEffect(() => navigate(target, { replace }), [navigate, target, replace]);
  return null;
}

interface RouteProps {
  /** An exact path such as `/forest`, or `*` for any other. */
  path: string;
  element: ReactNode;
}

/** Declares a route; rendered by Routes, never on its own. */
export function Route(_props: RouteProps): null {
  return null;
}

/** Renders the element of the first Route whose path is the current one (or `*`). */
export function Routes({ children }: { children: ReactElement<RouteProps> | ReactElement<RouteProps>[] }) {
  const { pathname } = useLocation();
  const routes = (Array.isArray(children) ? children : [children]).map((child) => child.props);
  const match = routes.find((r) => r.path === pathname) ?? routes.find((r) => r.path === '*');
  return <>{match?.element ?? null}</>;
}
