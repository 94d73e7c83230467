using System.Xml;
using System.Xml.Schema;

namespace Translations.Interchange.Tests;

/// <summary>Validation against the XLIFF 2.0 core schema (Resources/xliff_core_2.0.xsd) and this service's attributes.</summary>
public static class XliffSchema
{
    private static readonly XmlSchemaSet Schemas = Load();

    private static XmlSchemaSet Load()
    {
        var schemas = new XmlSchemaSet { XmlResolver = null };
        foreach (var name in new[] { "xml.xsd", "xliff_core_2.0.xsd", "translations_xliff_1.xsd" })
        {
            using var stream = typeof(XliffSchema).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded");
            using var reader = XmlReader.Create(stream);
            schemas.Add(null, reader);
        }
        schemas.Compile();
        return schemas;
    }

    /// <summary>Every error and warning, as "Error line 3: …"; empty when the document is valid.</summary>
    public static IReadOnlyList<string> Problems(string xml)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Schemas,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints,
            DtdProcessing = DtdProcessing.Prohibit,
        };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }
        return problems;
    }
}
