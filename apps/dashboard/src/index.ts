export { dashboardAssets, DASHBOARD_CSP, type DashboardAsset, type DashboardAssets } from './assets.ts';
