// Leaflet 1.9 ships an ES module build beside its UMD "main"; the bundler
// tree-shakes it better. Its types are the ones of the 'leaflet' package.
declare module 'leaflet/dist/leaflet-src.esm.js' {
  export * from 'leaflet';
}
