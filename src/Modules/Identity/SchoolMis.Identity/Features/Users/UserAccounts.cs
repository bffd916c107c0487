using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using SchoolMis.Identity.Domain;
using SchoolMis.Platform.Messaging;

namespace SchoolMis.Identity.Features.Users;

/// <summary>A user just created, with the one-time password to hand over (shown once, never stored in clear).</summary>
public sealed record NewUser(Guid Id, string Email, string DisplayName, string Role, string OneTimePassword);

/// <summary>Creates users for the use cases that need one (a new user, a new school's first admin).</summary>
public sealed class UserAccounts(UserManager<SchoolMisUser> users, TimeProvider clock)
{
    public async Task<NewUser> CreateAsync(string email, string displayName, string role,
        IEnumerable<Guid> schoolIds, string? laCode, string? password = null, bool mustChangePassword = true)
    {
        if (await users.FindByEmailAsync(email) is not null)
            throw new ConflictException($"A user with the email {email} already exists.", "Email");

        var user = new SchoolMisUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            LaCode = laCode,
            MustChangePassword = mustChangePassword,
            CreatedAt = clock.GetUtcNow(),
        };
        user.Schools.AddRange(schoolIds.Distinct().Select(id => new SchoolMembership { SchoolId = id }));
        password ??= OneTimePassword();

        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        return new NewUser(user.Id, email, displayName, role, password);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new DomainRuleException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>
    /// 16 characters from an alphabet without look-alikes (about 92 bits), then one of each character class
    /// Identity's password rules ask for, so the password is always accepted.
    /// </summary>
    public static string OneTimePassword()
    {
        const string lower = "abcdefghjkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789";
        return RandomNumberGenerator.GetString(lower + upper + digits, 16) + "-"
            + RandomNumberGenerator.GetString(upper, 1) + RandomNumberGenerator.GetString(lower, 1) + RandomNumberGenerator.GetString(digits, 1);
    }
}
