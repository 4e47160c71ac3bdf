// The Python worker of the single-file page, started from a data: URL by js/single/boot.js (see
// builder/single_file.py). Its first message carries the inline files; with them it answers
// Pyodide's fetches itself, imports the site's own worker.mjs from a blob: URL and hands it a
// Pyodide loader; then the messages that arrived meanwhile ("init") go to worker.mjs.

const INLINE_BASE = "https://inline.invalid/";
const early = []; // messages that came before worker.mjs was listening

function base64Bytes(text) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

async function setUp({ files, module, lockInfo }) {
  const inline = new Map(files.map((file) => [INLINE_BASE + file.name, file]));
  const stored = new Map(); // url -> the file's bytes as stored (maybe gzipped), decoded once
  // Pyodide and worker.mjs look `fetch` up when they call it: files inside this page are
  // answered from memory, anything else goes out as usual (and the page's policy stops it).
  // A gzipped file is unpacked while it is read, so the wasm compiles as it is unpacked.
  const networkFetch = self.fetch;
  self.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const file = inline.get(url);
    if (!file) return networkFetch(input, init);
    if (!stored.has(url)) stored.set(url, base64Bytes(file.base64));
    const body = file.gzip
      ? new Blob([stored.get(url)]).stream().pipeThrough(new DecompressionStream("gzip"))
      : stored.get(url);
    return new Response(body, { headers: { "Content-Type": file.type } });
  };
  const script = async (url) => new Blob([await (await fetch(url)).blob()], { type: "text/javascript" });
  const worker = await import(URL.createObjectURL(new Blob([module], { type: "text/javascript" })));
  worker.usePyodide({
    label: () => ["status_unpacking", {}],
    async load(indexURL) {
      const [pyodideModule, asmModule] = await Promise.all(["pyodide.mjs", "pyodide.asm.mjs"].map(
        async (name) => import(URL.createObjectURL(await script(indexURL + name)))));
      // No lock file to fetch: its `info` says which Python ABI this is; no packages are used.
      const pyodide = await pyodideModule.loadPyodide({
        indexURL, createPyodideModule: asmModule.default,
        lockFileContents: { info: lockInfo, packages: {} },
      });
      return { pyodide, started: "cold" }; // no snapshot inside: it would add 6 MB to the file
    },
  });
  self.removeEventListener("message", hold);
  for (const data of early) self.dispatchEvent(new MessageEvent("message", { data }));
}

function hold(event) {
  if (event.data?.type !== "inline-files") {
    early.push(event.data);
    return;
  }
  setUp(event.data).catch((err) => {
    postMessage({ type: "failed", error: `Python could not be unpacked (${err.message || err})` });
  });
}

self.addEventListener("message", hold);
