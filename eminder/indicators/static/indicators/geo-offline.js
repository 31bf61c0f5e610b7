// Maps without Plotly's CDN. Before drawing any geo subplot, plotly.js 3 fetches a world outline
// from cdn.plot.ly, even when the base map is hidden and the regions bring their own GeoJSON.
// The Content Security Policy blocks that request (connect-src 'self'), so the map would never
// be drawn. An empty outline stands in for it: the base layers are hidden, nothing uses it.
"use strict";
window.PlotlyGeoAssets = window.PlotlyGeoAssets || { topojson: {} };
window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};
if (!window.PlotlyGeoAssets.topojson.world_110m) {
  window.PlotlyGeoAssets.topojson.world_110m = { type: "Topology", objects: {}, arcs: [] };
}
