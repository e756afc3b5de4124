# --help teaches: the command list, each command's usage, a record kind's fields,
# another command's options with their help.
## run
vigil --help | head -1
vigil --help | grep -c '^  [a-z]'
vigil person --help | grep -E '^  --(name|address|deceased)'
vigil help case | head -1
vigil event add --help | grep -F -- '--date DATE'
vigil eval --help | grep -F -- '--model VALUE'
vigil; echo "status $?"
vigil frobnicate; echo "status $?"
vigil case; echo "status $?"
vigil --version
## stdout-has
usage: vigil [--vault DIR] [--json] [--passphrase-file FILE] <command> ...
  --name TEXT  (required)
  --address TEXT  (sensitive: --address-confidentiality LEVEL, default restricted)
  --deceased [true|false]
usage: vigil case add|list|show|edit|retract ...
  --date DATE
  --model VALUE            evaluate this model file instead of the shipped one
status 2
vigil 0.1
## stderr-has
no command 'frobnicate'; 'vigil --help' lists them
say what to do: add|list|show|edit|retract ...
