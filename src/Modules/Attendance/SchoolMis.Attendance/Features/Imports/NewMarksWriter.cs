using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SchoolMis.Attendance.Data;
using SchoolMis.Attendance.Domain;
using SchoolMis.Platform.Tenancy;

namespace SchoolMis.Attendance.Features.Imports;

/// <summary>
/// Writes brand-new attendance marks in bulk for the import, on the context's own connection and inside its current
/// transaction (so the import stays all or nothing): PostgreSQL by binary COPY, SQLite by a prepared INSERT.
/// Tracking millions of new marks in EF Core costs far more than writing them (a migrated school has about 2.3
/// million), and new marks have nothing to track: no amendment, no concurrency token. Other providers (SQL Server)
/// get <c>false</c> and the caller adds the marks to the context as before.
/// <para>
/// The columns, their names and their value conversions come from the EF model, so the rows are the ones SaveChanges
/// would write. The tenant is stamped here explicitly from the scope's school, never taken from the rows: the same
/// guarantee <see cref="TenantDbContext"/> gives on save.
/// </para>
/// </summary>
internal static class NewMarksWriter
{
    private sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping, NpgsqlDbType PostgresType, bool IsTenant);

    private sealed record Layout(string Table, IReadOnlyList<Column> Columns);

    private static readonly ConditionalWeakTable<IModel, Layout> Layouts = [];

    /// <summary>Inserts the marks; false when this provider has no bulk path (nothing was written).</summary>
    public static async Task<bool> TryInsertAsync(AttendanceDbContext db, Guid? tenantId, IReadOnlyList<AttendanceMark> marks,
        CancellationToken cancellationToken)
    {
        if (marks.Count == 0)
            return true;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var connection = db.Database.GetDbConnection();
        var sqlite = db.Database.IsSqlite();
        var postgres = db.Database.IsNpgsql() && connection is NpgsqlConnection;
        // The generic path (EF Core, in whatever transaction there is) for other providers, outside a transaction, and
        // if marks are ever [Audited]: the audit trail is written by SaveChanges, which this path does not go through.
        if (transaction is null || !(sqlite || postgres) || Attribute.IsDefined(typeof(AttendanceMark), typeof(Platform.Auditing.AuditedAttribute)))
            return false;
        var tenant = tenantId ?? throw new TenantMismatchException("Cannot save school data when no school is resolved.");
        foreach (var mark in marks)
        {
            if (mark.TenantId != Guid.Empty && mark.TenantId != tenant)
                throw new TenantMismatchException($"A new {nameof(AttendanceMark)} belongs to another school.");
        }

        var layout = Layouts.GetValue(db.Model, model => LayoutOf(model, db.GetService<ISqlGenerationHelper>()));
        if (postgres)
            await CopyAsync((NpgsqlConnection)connection, layout, tenant, marks, cancellationToken);
        else
            await InsertAsync(connection, transaction, layout, db.GetService<ISqlGenerationHelper>(), tenant, marks, cancellationToken);
        return true;
    }

    private static Layout LayoutOf(IModel model, ISqlGenerationHelper sql)
    {
        var entity = model.FindEntityType(typeof(AttendanceMark))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p =>
        {
            var mapping = p.GetRelationalTypeMapping();
            var provider = Nullable.GetUnderlyingType(mapping.Converter?.ProviderClrType ?? p.ClrType) ?? mapping.Converter?.ProviderClrType ?? p.ClrType;
            var postgresType = provider == typeof(Guid) ? NpgsqlDbType.Uuid
                : provider == typeof(DateOnly) ? NpgsqlDbType.Date
                : provider == typeof(int) ? NpgsqlDbType.Integer
                : provider == typeof(string) ? NpgsqlDbType.Varchar
                : provider == typeof(DateTimeOffset) ? NpgsqlDbType.TimestampTz
                : throw new NotSupportedException($"{nameof(NewMarksWriter)} cannot write {p.Name} ({provider.Name}); extend it with the new column.");
            return new Column(p.GetColumnName(table)!, p, mapping, postgresType, p.Name == nameof(ITenantScoped.TenantId));
        }).ToList();
        if (columns.Count(c => c.IsTenant) != 1)
            throw new InvalidOperationException("AttendanceMark must have exactly one TenantId column.");
        return new Layout(sql.DelimitIdentifier(table.Name, table.Schema), columns);
    }

    /// <summary>The value SaveChanges would send for a column: the tenant stamped, value converters (enums) applied.</summary>
    private static object? ValueOf(Column column, AttendanceMark mark, Guid tenant)
    {
        if (column.IsTenant)
            return tenant;
        var value = column.Property.GetGetter().GetClrValue(mark);
        return value is null || column.Mapping.Converter is null ? value : column.Mapping.Converter.ConvertToProvider(value);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, Layout layout, Guid tenant, IReadOnlyList<AttendanceMark> marks,
        CancellationToken cancellationToken)
    {
        // COPY runs in the connection's open transaction: rolled back with it.
        var columns = string.Join(", ", layout.Columns.Select(c => $"\"{c.Name}\""));
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {layout.Table} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var mark in marks)
        {
            // Synchronous writes fill Npgsql's buffer; it goes to the socket when full (and at CompleteAsync).
            writer.StartRow();
            foreach (var column in layout.Columns)
            {
                switch (ValueOf(column, mark, tenant))
                {
                    case null: writer.WriteNull(); break;
                    case Guid g: writer.Write(g, column.PostgresType); break;
                    case DateOnly d: writer.Write(d, column.PostgresType); break;
                    case int i: writer.Write(i, column.PostgresType); break;
                    case string t: writer.Write(t, column.PostgresType); break;
                    case DateTimeOffset at: writer.Write(at.ToUniversalTime(), column.PostgresType); break;
                    case var other: throw new NotSupportedException($"{column.Name}: {other.GetType().Name}");
                }
            }
        }
        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, Layout layout, ISqlGenerationHelper sql, Guid tenant,
        IReadOnlyList<AttendanceMark> marks, CancellationToken cancellationToken)
    {
        // A page cache of up to 64 MB for this connection (SQLite's default is 2 MB): a school's marks go into four
        // indexes, one of them ordered by pupil, so a day's marks touch a page per pupil; with the small cache those
        // pages are spilled to the WAL and read back again and again within the import's one transaction.
        await using (var pragma = connection.CreateCommand())
        {
            pragma.Transaction = transaction;
            pragma.CommandText = "PRAGMA cache_size = -65536";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        // One prepared single-row INSERT, executed per mark. Not a multi-row VALUES list: Microsoft.Data.Sqlite looks
        // each parameter up by name in the statement on every execution, which grows with the parameters per
        // statement (measured: 100 rows a statement was 1.7x slower than one, 8 rows 1.6x).
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {layout.Table} ({string.Join(", ", layout.Columns.Select(c => sql.DelimitIdentifier(c.Name)))}) " +
                              $"VALUES ({string.Join(", ", layout.Columns.Select((_, i) => sql.GenerateParameterNamePlaceholder(ParameterName(i))))})";
        for (var c = 0; c < layout.Columns.Count; c++)
        {
            // The parameter as EF Core configures it for this column (type, size); its value is set per row.
            command.Parameters.Add(layout.Columns[c].Mapping.CreateParameter(command, sql.GenerateParameterName(ParameterName(c)), null,
                layout.Columns[c].Property.IsNullable));
        }
        await command.PrepareAsync(cancellationToken);
        foreach (var mark in marks)
        {
            for (var c = 0; c < layout.Columns.Count; c++)
                command.Parameters[c].Value = ValueOf(layout.Columns[c], mark, tenant) ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        static string ParameterName(int i) => "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
