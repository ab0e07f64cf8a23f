import { lazy, type ComponentType } from 'react';

/**
 * A view whose code is fetched on demand, but rendered directly once it has arrived.
 *
 * Why not plain React.lazy: a lazy component suspends on its first render even when its chunk is
 * already in memory (the import promise settles a microtask later), and React 19 then holds the
 * revealed content back for up to 300 ms after the fallback appeared (its "Suspense throttling").
 * On a cold link to a chart the chunk arrives before the evidence file, so that pause was pure
 * waste: about a third of the time to the first forest plot. With the module remembered here, the
 * view renders synchronously whenever `preload()` has already settled, and suspends only when it
 * genuinely has to wait for the network.
 */
export function preloadableView<Module>(
  load: () => Promise<Module>,
  pick: (module: Module) => ComponentType,
): { preload: () => Promise<ComponentType>; View: ComponentType } {
  let loaded: ComponentType | null = null;
  let pending: Promise<ComponentType> | null = null;
  const preload = () => {
    // A failed fetch is not remembered, so that the next visit to the view tries again.
    pending ??= load().then(
      (module) => (loaded = pick(module)),
      (error: unknown) => {
        pending = null;
        throw error;
      },
    );
    return pending;
  };
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function View() {
    const Loaded = loaded;
    return Loaded ? <Loaded /> : <Lazy />;
  }
  return { preload, View };
}
