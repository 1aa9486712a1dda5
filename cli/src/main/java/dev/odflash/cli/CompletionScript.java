package dev.odflash.cli;

import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * bash and zsh completion for odflash: picocli's generated script (commands, subcommands, options) plus
 * one function in front of it that completes the values picocli cannot know when the script is
 * generated: device specs (`--device`, `-d`: the emulated profiles and the drives `list` finds) and
 * profile names (`--profile`), asked of the installed odflash itself through {@link CompleteCommand}.
 * zsh runs the same script through its bashcompinit, so both shells complete alike.
 */
final class CompletionScript {
    /** The shell function picocli generates for the root command (AutoComplete's naming). */
    private static final String PICOCLI_ENTRY = "_complete_odflash";

    private CompletionScript() {
    }

    static String bash(CommandLine root) {
        String generated = AutoComplete.bash("odflash", root);
        return generated + DYNAMIC;
    }

    /** An autoloaded `_odflash`: defines the bash functions on first use, then answers that first request. */
    static String zsh(CommandLine root) {
        return "#compdef odflash\n" + bash(root)
                + "\n# the first completion request reaches this file; the `complete` above answers the later ones\n"
                + "_bash_complete -o default -F _odflash_complete\n";
    }

    private static final String DYNAMIC = """

            # odflash: values only the installed odflash knows (device specs, profile names) come from
            # odflash __complete devices (or profiles); everything else is picocli's completion above.
            function _odflash_complete() {
              local i=$COMP_CWORD cur=${COMP_WORDS[COMP_CWORD]}
              # bash splits `emu:asus-crw-5224a` at the colon (COMP_WORDBREAKS): join the pieces again
              while (( i > 1 )) && { [[ ${COMP_WORDS[i]} == : ]] || [[ ${COMP_WORDS[i-1]} == : ]]; }; do
                i=$((i - 1))
                cur=${COMP_WORDS[i]}$cur
              done
              local kind
              case ${COMP_WORDS[i-1]} in
                -d|--device) kind=devices ;;
                --profile) kind=profiles ;;
                *) PICOCLI_ENTRY "$@"; return $? ;;
              esac
              local IFS=$'\\n'
              COMPREPLY=( $(compgen -W "$("${COMP_WORDS[0]}" __complete "$kind" 2>/dev/null)" -- "$cur") )
              # bash replaces only the text after the last colon: drop what precedes it from each answer
              if [[ $cur == *:* && ${COMP_WORDBREAKS-} == *:* ]]; then
                local before=${cur%"${cur##*:}"}
                COMPREPLY=( "${COMPREPLY[@]#"$before"}" )
              fi
              return 0
            }
            complete -F _odflash_complete -o default odflash
            """.replace("PICOCLI_ENTRY", PICOCLI_ENTRY);
}
