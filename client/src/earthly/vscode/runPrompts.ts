// "Run…": one input box per ARG of the target, then a multi-select of flags. Escape anywhere cancels.
import * as vscode from 'vscode';
import type { TargetSummary } from '../../../../shared/src/protocol';
import { argSteps, argValueProblem, flagChoices, flagOf, secretsWithValues, typedFlags, type FlagChoice, type RunAnswers } from '../run/runAnswers';

export async function askRunAnswers(target: TargetSummary, reference: string, remembered: RunAnswers): Promise<RunAnswers | undefined> {
  const steps = argSteps(target.args, remembered);
  const total = steps.length + 1;
  const args: Record<string, string> = {};
  for (const [index, step] of steps.entries()) {
    const value = await vscode.window.showInputBox({
      title: `Run ${reference} (${index + 1}/${total})`,
      prompt: step.prompt,
      placeHolder: step.placeholder,
      value: step.value,
      ignoreFocusOut: true,
      validateInput: (v) => argValueProblem(step, v),
    });
    if (value === undefined) return undefined;
    args[step.name] = value;
  }
  const flags = await askFlags(`Run ${reference} (${total}/${total})`, remembered.flags);
  return flags && { args, flags };
}

type FlagItem = vscode.QuickPickItem & { readonly choice: FlagChoice };

async function askFlags(title: string, remembered: readonly string[]): Promise<string[] | undefined> {
  const pick = vscode.window.createQuickPick<FlagItem>();
  pick.title = title;
  pick.placeholder = 'Pick flags, or type others (e.g. --strict --output) and press Enter';
  pick.canSelectMany = true;
  pick.matchOnDescription = true;
  pick.ignoreFocusOut = true;
  pick.items = flagChoices(remembered).map((choice) => ({ label: choice.label, description: choice.description, choice }));
  pick.selectedItems = pick.items.filter((item) => item.choice.picked);
  const accepted = await new Promise<{ picked: readonly FlagItem[]; typed: string } | undefined>((resolve) => {
    pick.onDidAccept(() => resolve({ picked: pick.selectedItems, typed: pick.value }));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (!accepted) return undefined;
  const flags: string[] = [];
  for (const { choice } of accepted.picked) {
    if (!choice.value) {
      flags.push(flagOf(choice));
      continue;
    }
    const value = await vscode.window.showInputBox({
      title,
      prompt: `Value of ${choice.value.flag}`,
      placeHolder: choice.value.placeholder,
      value: choice.value.remembered,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? `${choice.value?.flag} needs a value.` : undefined),
    });
    if (value === undefined) return undefined;
    flags.push(flagOf(choice, value.trim()));
  }
  const all = [...new Set([...flags, ...typedFlags(accepted.typed)])];
  const secrets = secretsWithValues(all);
  if (secrets.length > 0) {
    void vscode.window.showWarningMessage(
      `Earthly: not run, so that the value of ${secrets.join(', ')} stays off the command line. Pass --secret ${secrets[0]} without a value (earthly reads it from the environment), or name it in a task's "secrets" (Earthly: Set Secret… stores it).`,
    );
    return undefined;
  }
  return all;
}
