package io.migrator.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints a shell completion script: {@code source <(migrator completion bash)}, or for zsh
 * {@code source <(migrator completion zsh)} (the bash script through zsh's bashcompinit).
 */
@Command(name = "completion", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = "Print a completion script: source <(migrator completion bash) in ~/.bashrc, "
				+ "or source <(migrator completion zsh) in ~/.zshrc.")
final class CompletionCommand implements Callable<Integer> {

	/** The shells the script is written for. */
	enum Shell {

		BASH, ZSH

	}

	@Parameters(index = "0", paramLabel = "bash|zsh", description = "The shell.")
	Shell shell;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		CommandLine root = this.spec.root().commandLine();
		String script = AutoComplete.bash(this.spec.root().name(), root);
		if (this.shell == Shell.ZSH) {
			script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
		}
		this.spec.commandLine().getOut().print(script);
		this.spec.commandLine().getOut().flush();
		return Failures.OK;
	}

}
