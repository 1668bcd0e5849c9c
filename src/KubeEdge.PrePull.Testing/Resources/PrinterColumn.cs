namespace KubeEdge.PrePull.Testing.Resources;

/// <summary>A column of a server-side printed <c>Table</c>, as a CRD's <c>additionalPrinterColumns</c> declares it.</summary>
/// <param name="Name">Header shown by kubectl.</param>
/// <param name="Type">OpenAPI type (<c>string</c>, <c>integer</c>, <c>date</c>, ...).</param>
/// <param name="JsonPath">Simple JSONPath such as <c>.status.phase</c>.</param>
/// <param name="Priority">0 shows by default; higher only with <c>-o wide</c>.</param>
internal sealed record PrinterColumn(string Name, string Type, string JsonPath, int Priority = 0);
