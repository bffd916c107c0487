using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace SchoolMis.Platform.Web;

/// <summary>
/// A panel another module adds to the pupil profile: a component with <c>School</c> (slug) and <c>PupilId</c>
/// parameters that loads its own data and decides itself what the user may see. The profile renders every registered
/// panel, so Pupils never references the modules that add them.
/// </summary>
public sealed record PupilProfilePanel(Type Component, int Order);

public static class PupilProfilePanels
{
    public static IServiceCollection AddPupilProfilePanel<TComponent>(this IServiceCollection services, int order) where TComponent : IComponent =>
        services.AddSingleton(new PupilProfilePanel(typeof(TComponent), order));
}
