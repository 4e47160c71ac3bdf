// Directive name -> widget module. Each module exports mount(root, python) -> {activate, deactivate}.

import * as manualTuning from "./manual-tuning.js";

export const WIDGETS = {
  "manual-tuning": manualTuning,
};
