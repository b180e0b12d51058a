// Every command the extension registers, by id. package.json contributes the same ids (commands, menus,
// keybindings); a unit test keeps the two equal.

export const COMMAND_IDS = {
  restartServer: 'earthly.restartServer',
  showOutput: 'earthly.showOutput',
  setSecret: 'earthly.setSecret',
  deleteSecret: 'earthly.deleteSecret',
  pickTarget: 'earthly.pickTarget',
  rerunLastTarget: 'earthly.rerunLastTarget',
  runTargetAtCursor: 'earthly.runTargetAtCursor',
  runEditorTarget: 'earthly.runEditorTarget',
  /** The run lenses' commands, with one `TargetLocation` argument. */
  runTarget: 'earthly.runTarget',
  runTargetWithPush: 'earthly.runTargetWithPush',
  runTargetWithArgs: 'earthly.runTargetWithArgs',
  acrLogin: 'acr.login',
  acrLogout: 'acr.logout',
  acrShowCredentialsStatus: 'acr.showCredentialsStatus',
} as const;

/** Registered only when VS Code runs the extension's tests (not contributed): they stand in for a restart and for reading SecretStorage. */
export const TEST_COMMAND_IDS = {
  acrRestartSignIns: 'acr.test.restartSignIns',
  acrHasStoredSecret: 'acr.test.hasStoredSecret',
} as const;
