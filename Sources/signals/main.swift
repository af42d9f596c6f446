import SignalsCLI

await SignalsCommand.main()
