import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { HashRouter, MemoryRouter, NavLink, Navigate, Route, Routes, parseLocation, resolveTo, useLocation, useNavigate, useSearchParams } from './router';

function Where() {
  const { pathname, search } = useLocation();
  return <output data-testid="where">{pathname + search}</output>;
}

function App() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  return (
    <>
      <nav>
        <NavLink to={{ pathname: '/evidence', search: '?phase=RR' }}>Evidence</NavLink>
        <NavLink to="/forest">Forest</NavLink>
      </nav>
      <button type="button" onClick={() => navigate('/phases?outcome=edss-change')}>phases</button>
      <button type="button" onClick={() => setParams(new URLSearchParams({ phase: 'SP' }), { replace: true })}>SP</button>
      <span data-testid="phase">{params.get('phase') ?? ''}</span>
      <Routes>
        <Route path="/evidence" element={<p>evidence view</p>} />
        <Route path="/forest" element={<p>forest view</p>} />
        <Route path="/phases" element={<p>phases view</p>} />
        <Route path="*" element={<Navigate to={{ pathname: '/evidence' }} replace />} />
      </Routes>
      <Where />
    </>
  );
}

afterEach(() => window.history.replaceState(null, '', '#'));

describe('addresses', () => {
  it('splits a hash address into path and query', () => {
    expect(parseLocation('#/forest?outcome=relapse-free')).toEqual({ pathname: '/forest', search: '?outcome=relapse-free' });
    expect(parseLocation('')).toEqual({ pathname: '/', search: '' });
    expect(parseLocation('#')).toEqual({ pathname: '/', search: '' });
    expect(parseLocation('forest?')).toEqual({ pathname: '/forest', search: '' });
  });
  it('resolves a link: an object keeps what it leaves out, a string replaces everything', () => {
    const from = { pathname: '/forest', search: '?phase=RR' };
    expect(resolveTo({ search: 'phase=SP' }, from)).toEqual({ pathname: '/forest', search: '?phase=SP' });
    expect(resolveTo({ pathname: '/phases' }, from)).toEqual({ pathname: '/phases', search: '' });
    expect(resolveTo({}, from)).toEqual(from);
    expect(resolveTo('/evidence', from)).toEqual({ pathname: '/evidence', search: '' });
  });
});

describe('MemoryRouter', () => {
  it('renders the matching route, redirects anything else, and marks the current link', async () => {
    render(<MemoryRouter initialEntries={['/nowhere?phase=PP']}><App /></MemoryRouter>);
    expect(await screen.findByText('evidence view')).toBeInTheDocument();
    // The redirect names only a path: the query is dropped, as the target says.
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/evidence$/);
    expect(screen.getByRole('link', { name: 'Evidence' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Evidence' })).toHaveAttribute('href', '#/evidence?phase=RR');
    expect(screen.getByRole('link', { name: 'Forest' })).not.toHaveAttribute('aria-current');
  });
  it('follows links, navigate() and search-parameter changes without touching the address bar', async () => {
    const user = userEvent.setup();
    render(<MemoryRouter initialEntries={['/evidence']}><App /></MemoryRouter>);
    await user.click(screen.getByRole('link', { name: 'Forest' }));
    expect(screen.getByText('forest view')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'SP' }));
    expect(screen.getByTestId('where')).toHaveTextContent('/forest?phase=SP');
    expect(screen.getByTestId('phase')).toHaveTextContent('SP');
    await user.click(screen.getByRole('button', { name: 'phases' }));
    expect(screen.getByTestId('where')).toHaveTextContent('/phases?outcome=edss-change');
    expect(window.location.hash).toBe('');
  });
});

describe('HashRouter', () => {
  it('reads the hash, pushes links, replaces on request, and follows hash changes (Back, pasted links)', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', '#/forest?phase=RR');
    const before = window.history.length;
    render(<HashRouter><App /></HashRouter>);
    expect(screen.getByText('forest view')).toBeInTheDocument();
    expect(screen.getByTestId('phase')).toHaveTextContent('RR');

    await user.click(screen.getByRole('link', { name: 'Evidence' }));
    expect(window.location.hash).toBe('#/evidence?phase=RR');
    expect(window.history.length).toBe(before + 1);

    await user.click(screen.getByRole('button', { name: 'SP' }));
    expect(window.location.hash).toBe('#/evidence?phase=SP');
    expect(window.history.length).toBe(before + 1); // replaced, not pushed

    await act(async () => {
      window.location.hash = '#/phases';
      await new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    });
    expect(screen.getByText('phases view')).toBeInTheDocument();
  });
});
