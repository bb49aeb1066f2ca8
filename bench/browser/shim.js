// Runs in the engine worker before the wasm script: remembers every wasm memory instantiated there (self.__hkMemories),
// so the benchmark can read the wasm memory size (which only grows: its size at the end of a run is the peak).
self.__hkMemories = [];
(function () {
  function keep(result) {
    var instance = result && result.instance ? result.instance : result;
    var exports = instance && instance.exports ? instance.exports : {};
    for (var k in exports) if (exports[k] instanceof WebAssembly.Memory) self.__hkMemories.push(exports[k]);
    return result;
  }
  var instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function () { return instantiate.apply(this, arguments).then(keep); };
  if (WebAssembly.instantiateStreaming) {
    var streaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = function () { return streaming.apply(this, arguments).then(keep); };
  }
})();
