import { QueryClient } from '@tanstack/react-query';

/** The evidence file is static: no refetch on focus; a bad file is not retried (it stays bad). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: Infinity } },
  });
}
