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
  // The Registries view (acr/vscode/explorer/); the row commands take the row's node as their argument.
  acrAddRegistry: 'acr.addRegistry',
  acrRemoveRegistry: 'acr.removeRegistry',
  acrRefresh: 'acr.refresh',
  acrFilter: 'acr.filter',
  acrClearFilter: 'acr.clearFilter',
  acrLoadMore: 'acr.loadMore',
  acrRetry: 'acr.retry',
  acrPull: 'acr.pull',
  acrCopyImageReference: 'acr.copyImageReference',
  acrCopyDigestReference: 'acr.copyDigestReference',
  acrInsertFrom: 'acr.insertFrom',
  acrInspect: 'acr.inspect',
  acrUntag: 'acr.untag',
  acrDeleteImage: 'acr.deleteImage',
  acrCopyRepositoryName: 'acr.copyRepositoryName',
  acrDeleteRepository: 'acr.deleteRepository',
  acrCopyLoginServer: 'acr.copyLoginServer',
  acrOpenInPortal: 'acr.openInPortal',
  acrSelectSubscriptions: 'acr.selectSubscriptions',
} as const;

/** Registered only when VS Code runs the extension's tests (not contributed): they stand in for a restart and for reading SecretStorage. */
export const TEST_COMMAND_IDS = {
  acrRestartSignIns: 'acr.test.restartSignIns',
  acrHasStoredSecret: 'acr.test.hasStoredSecret',
  /** Answers the Registries view's prompts from a script and returns the record of them (undefined: stop). */
  acrScriptPrompts: 'acr.test.scriptPrompts',
  /** Sets the Registries view's time limit per registry call in ms (undefined: the default) and starts the view over. */
  acrSetCallTimeout: 'acr.test.setCallTimeout',
} as const;
