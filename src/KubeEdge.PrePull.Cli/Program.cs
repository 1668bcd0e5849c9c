// The kubeedge-prepull tool. Commands arrive with the CLI issue; until then it says so.
Console.Error.WriteLine("kubeedge-prepull: the demo is not built yet (see the CLI issue); run the test command in README.md meanwhile.");
return 2;
