using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Socializer.Core.Data;

namespace Socializer.Data.Postgres;

/// <summary>
/// Lets `dotnet ef migrations add X --project Socializer.Data.Postgres --startup-project Socializer.Data.Postgres`
/// build the PostgreSQL model without starting the web app; adding a migration needs no server.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql("Host=localhost;Database=socializer_design", PostgresDataSource.ConfigureProvider)
            .Options);
}
