// Starts loading a shipped bundle now (a chart page's sidebar), so that it is parsed while the
// page's other elements arrive. data: {url, script_id, global}, or {} (mounted only so that
// Streamlit fetches its component code early: dashboard.ui.preload_bundle).
export default function ({data}) {
  if (!data || !data.url) return;
  loadBundle(data.url, data.script_id, () => Boolean(window[data.global]), null);
}
