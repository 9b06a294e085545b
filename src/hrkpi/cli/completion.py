"""Tab completion's two options in the run's language, taking a shell's name.

typer adds `--install-completion` and `--show-completion` to the group, prints what
they did in English ("bash completion installed in ...", "Shell  not supported.")
and, since they are flags, finds the shell among the process's ancestors only:
`hrkpi --show-completion zsh` printed the script of the shell it ran in. The group
(hrkpi.cli.usage) gives both options these callbacks instead: a shell named after the
option is the one used, else the one found; the script and the installation are
typer's own (`typer._completion_shared`, as typer's callbacks call them).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

import typer

from hrkpi.core.messages import Msg, either

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")

# The arguments of the run (set by the group before click parses them): a shell's name
# after the option is read from them, click having taken the option as a flag.
arguments: ContextVar[tuple[str, ...]] = ContextVar("hrkpi_arguments", default=())


def _shell(ctx: Any, param: Any) -> str:
    """The shell named after the option among the arguments (a word that is neither an
    option nor a command), else the one hrkpi runs in ("" when none is found)."""
    argv = arguments.get()
    commands = getattr(ctx.command, "commands", {})
    for i, arg in enumerate(argv[:-1]):
        named = argv[i + 1]
        if arg in param.opts and not named.startswith("-") and named not in commands:
            return named.lower()
    from typer._completion_shared import _get_shell_name

    return _get_shell_name() or ""


def _chosen(ctx: Any, param: Any) -> str:
    shell = _shell(ctx, param)
    if shell not in SHELLS:
        said = (
            Msg("cannot tell which shell runs hrkpi")
            if not shell
            else Msg("{shell} is not a shell hrkpi completes", shell=repr(shell))
        )
        raise typer.BadParameter(
            str(
                Msg(
                    "{said}; name one after the option: {shells}",
                    said=said,
                    shells=either(SHELLS),
                )
            ),
            param=param,
        )
    return shell


def _names(ctx: Any) -> tuple[str, str]:
    """The program's name and the environment variable its completion sets."""
    prog = ctx.find_root().info_name or "hrkpi"
    return prog, "_{}_COMPLETE".format(prog.replace("-", "_").upper())


def show_completion(ctx: Any, param: Any, value: Any) -> Any:
    """`--show-completion [SHELL]`: print the completion script."""
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import get_completion_script

    shell = _chosen(ctx, param)
    prog, var = _names(ctx)
    typer.echo(get_completion_script(prog_name=prog, complete_var=var, shell=shell))
    raise typer.Exit(0)


def install_completion(ctx: Any, param: Any, value: Any) -> Any:
    """`--install-completion [SHELL]`: install the completion script and say where."""
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import install

    shell = _chosen(ctx, param)
    prog, var = _names(ctx)
    shell, path = install(shell=shell, prog_name=prog, complete_var=var)
    typer.echo(str(Msg("{shell} completion installed in {path}", shell=shell, path=str(path))))
    typer.echo(str(Msg("Completion works in a terminal opened from now on.")))
    raise typer.Exit(0)


CALLBACKS = {"install_completion": install_completion, "show_completion": show_completion}
HELP = {
    "install_completion": (
        "Install tab completion for the current shell, or for the one named after it "
        "(bash, zsh, fish, powershell, pwsh)."
    ),
    "show_completion": (
        "Show the completion script of the current shell, or of the one named after it, "
        "to copy it or customize the installation."
    ),
}


def reword(params: list[Any]) -> None:
    """Give typer's two completion options hrkpi's callbacks and help."""
    for param in params:
        if param.name in CALLBACKS:
            param.callback = CALLBACKS[param.name]
            param.help = HELP[param.name]
