// Widget name -> its script, loaded on demand: "chain-rule" is ./chain-rule.js. Each module exports
// mount(root, python) -> {activate(), deactivate(reason)}. Nothing to register by hand.

export async function loadWidget(name) {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`bad widget name ${name}`);
  return import(`./${name}.js`);
}
