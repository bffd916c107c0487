using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using SchoolMis.Identity.Data;
using SchoolMis.Identity.Domain;
using SchoolMis.Identity.Features;
using SchoolMis.Identity.Features.ApiClients;
using SchoolMis.Identity.Features.SignIn;
using SchoolMis.Identity.Features.Users;
using SchoolMis.Identity.Tokens;
using SchoolMis.Platform.Data;
using SchoolMis.Platform.Security;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Identity;

public static class IdentityModule
{
    public static IServiceCollection AddIdentityModule(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment, DatabaseSettings database)
    {
        // The OpenIddict entities are mapped in IdentityModel.ApplyIdentityModel, so migrations see them too.
        services.AddDbContext<IdentityDataContext>(database.Configure);
        services.AddScoped<ITenantStore, EfTenantStore>();
        services.AddScoped<UserAccounts>();

        services.AddIdentity<SchoolMisUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<IdentityDataContext>()
            .AddClaimsPrincipalFactory<SchoolMisClaimsFactory>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "schoolmis.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(9); // one school day
            o.SlidingExpiration = true;
        });

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDataContext>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris("connect/token");
                o.AllowClientCredentialsFlow();
                o.RegisterScopes([.. Scopes.All]);
                o.SetAccessTokenLifetime(TimeSpan.FromHours(1));
                o.DisableAccessTokenEncryption(); // signed JWTs that migration tools can inspect; they carry no personal data

                var certificate = configuration["Auth:SigningCertificate:Path"];
                if (!string.IsNullOrEmpty(certificate))
                {
                    var key = X509CertificateLoader.LoadPkcs12FromFile(certificate, configuration["Auth:SigningCertificate:Password"]);
                    o.AddSigningCertificate(key).AddEncryptionCertificate(key);
                }
                else
                {
                    // Without a configured certificate, keys live only as long as the process: tokens die with a restart.
                    o.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
                }

                var aspNetCore = o.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (environment.IsDevelopment() || configuration.GetValue<bool>("Auth:DisableTransportSecurity"))
                    aspNetCore.DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
            });

        return services;
    }

    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", TokenEndpoint.Exchange).ExcludeFromDescription();

        app.MapPost("/account/logout", async (SignInManager<SchoolMisUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).ExcludeFromDescription();

        app.MapPlatformApi();
        return app;
    }

    /// <summary>Runs after authentication: users with a one-time password are sent to choose their own.</summary>
    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.UseMiddleware<PasswordChangeGate>();

    /// <summary>Roles, and the bootstrap API client when configured. Runs once the database is migrated.</summary>
    public static async Task InitializeIdentityAsync(this IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
        }

        var clientId = configuration["Platform:BootstrapClient:ClientId"];
        var secret = configuration["Platform:BootstrapClient:ClientSecret"];
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(secret))
            return;

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var existing = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (existing is not null)
        {
            // Keep the configured secret authoritative: an operator rotates it by changing configuration.
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, existing, cancellationToken);
            descriptor.ClientSecret = secret;
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            var mediator = scope.ServiceProvider.GetRequiredService<Mediator.ISender>();
            await mediator.Send(new RegisterApiClientCommand(clientId, "Bootstrap platform client", null, null,
                [Scopes.Platform], secret), cancellationToken);
        }
        scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("SchoolMis.Identity")
            .LogInformation("Bootstrap platform client {ClientId} is ready", clientId);
    }
}
