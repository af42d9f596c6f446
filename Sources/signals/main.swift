import SignalsCLI

await SignalsCommand.runFromCommandLine()
