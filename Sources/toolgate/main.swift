import Commands

await Toolgate.main()
