# The Translations service: docker build -t translations-api .
# Build stage: restore and publish the host (Release) to /app.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source

# Project files first, so that the restore layer is reused while only code changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Translations.Api/Translations.Api.csproj src/Translations.Api/
COPY src/Translations.Contracts/Translations.Contracts.csproj src/Translations.Contracts/
COPY src/Translations.Domain/Translations.Domain.csproj src/Translations.Domain/
COPY src/Translations.Search/Translations.Search.csproj src/Translations.Search/
COPY src/Translations.ServiceDefaults/Translations.ServiceDefaults.csproj src/Translations.ServiceDefaults/
COPY src/Translations.Settings/Translations.Settings.csproj src/Translations.Settings/
COPY src/Translations.Storage/Translations.Storage.csproj src/Translations.Storage/
COPY src/Translations.Storage.Sqlite/Translations.Storage.Sqlite.csproj src/Translations.Storage.Sqlite/
COPY src/Translations.Storage.PostgreSql/Translations.Storage.PostgreSql.csproj src/Translations.Storage.PostgreSql/
COPY src/Translations.Tokens/Translations.Tokens.csproj src/Translations.Tokens/
RUN dotnet restore src/Translations.Api/Translations.Api.csproj

COPY protos/ protos/
COPY src/ src/
RUN dotnet publish src/Translations.Api/Translations.Api.csproj -c Release --no-restore -o /app /p:UseAppHost=false

# Final stage: the ASP.NET Core runtime only.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
# appsettings.json sits next to the dll, and the content root is the working directory.
WORKDIR /app
COPY --from=build /app .

# The settings a container needs; everything else comes from appsettings.json or the environment.
# SQLite (the default provider) keeps its file on the /data volume; nothing is written under /app,
# so the root filesystem can be read-only (the manifests mount /tmp as a volume).
# The aspnet image's ASPNETCORE_HTTP_PORTS=8080 is cleared: the Kestrel endpoints below replace it,
# and Kestrel would log a warning at every start that it overrides it.
ENV ASPNETCORE_HTTP_PORTS= \
    Kestrel__Endpoints__Grpc__Url=http://0.0.0.0:8080 \
    Kestrel__Endpoints__Management__Url=http://0.0.0.0:8081 \
    Kestrel__Endpoints__Http__Url=http://0.0.0.0:8082 \
    ConnectionStrings__Releases="Data Source=/data/releases.db"
EXPOSE 8080 8081 8082

# The aspnet image's non-root "app" user (UID 1654) owns /data. The folder is made before VOLUME
# declares it, since changes to a volume path after its declaration are discarded.
RUN mkdir /data && chown "$APP_UID" /data
VOLUME /data
USER $APP_UID

ENTRYPOINT ["dotnet", "Translations.Api.dll"]
