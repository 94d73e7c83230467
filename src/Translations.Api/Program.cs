using Translations.Errors;
using Translations.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddRequestHeaderLimits();
builder.AddReleaseRules();
builder.AddAccessControl();
builder.AddStorage();
builder.AddReleaseCache();
builder.AddScheduledPublishing();
builder.AddChangeFeed();
builder.AddTranslationsGrpc();

var app = builder.Build();

app.UseCallLogging();
app.UseRequestHeaderLimits();
app.UseRequestFramingChecks();
app.UseAccessControl();
app.MapTranslationsGrpc();

app.Run();

/// <summary>The host's entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
