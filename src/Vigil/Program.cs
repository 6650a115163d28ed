using Vigil.Cli;

return await VigilCli.RunAsync(args);
