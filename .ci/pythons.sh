# The Python versions breathe supports, as interpreters found on this machine (sourced by
# .ci/run and .ci/lock). The list is pyproject.toml's classifiers; each version is looked
# up on PATH (python3.12) and then under pyenv, and kept only if it runs and is that version.
# Prints one path per line, oldest first.

supported_versions() {
    sed -n 's/.*"Programming Language :: Python :: \(3\.[0-9][0-9]*\)".*/\1/p' pyproject.toml
}

supported_pythons() {
    local version candidate pyenv_root
    pyenv_root=$( (command -v pyenv >/dev/null 2>&1 && pyenv root) || echo "${PYENV_ROOT:-$HOME/.pyenv}")
    for version in $(supported_versions); do
        for candidate in "$(command -v "python$version" 2>/dev/null)" \
            $(ls -d "$pyenv_root/versions/$version".*/bin/python 2>/dev/null | sort -rV); do
            if [ -n "$candidate" ] && [ "$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = "$version" ]; then
                echo "$candidate"
                break
            fi
        done
    done
    return 0
}
