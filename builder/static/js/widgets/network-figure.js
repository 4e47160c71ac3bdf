// The static network figure (article 2.1): fully drawn at build time, nothing to bring alive.

export function mount() {
  return { activate() {}, deactivate() {} };
}
