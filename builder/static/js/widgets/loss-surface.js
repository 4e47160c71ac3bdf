// The loss surface is a static figure, drawn completely at build time: nothing here needs Python,
// and there is nothing to switch on or off. The module exists so the figure is a widget like the
// others (placed with `::: widget loss-surface`, embeddable on its own page).

export function mount() {
  return { activate() {}, deactivate() {} };
}
