// Starts loading a shipped bundle now (a chart page's sidebar), so that it is parsed while the
// page's other elements arrive. data: {url, script_id, global}.
export default function ({data}) {
  loadBundle(data.url, data.script_id, () => Boolean(window[data.global]), null);
}
