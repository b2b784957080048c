import { useCallback, useEffect, useState } from 'react';
import type { Role } from '../../../shared/types';

export { ROUTES, ROUTE_ROLE, type Route } from './route-table';
import { ROUTES, type Route } from './route-table';

const RANK: Record<Role, number> = { cashier: 1, manager: 2, admin: 3 };
export const hasRole = (actual: Role, required: Role): boolean => RANK[actual] >= RANK[required];

export function routeFromHash(hash: string): Route {
  const entry = (Object.entries(ROUTES) as [Route, string][]).find(([, h]) => h === hash);
  return entry ? entry[0] : 'till';
}

export function navigate(route: Route): void {
  if (window.location.hash !== ROUTES[route]) window.location.hash = ROUTES[route];
}

export function useHashRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState<Route>(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const go = useCallback((r: Route) => {
    navigate(r);
    setRoute(r);
  }, []);
  return [route, go];
}
