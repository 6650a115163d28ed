Console.WriteLine("vigil");
