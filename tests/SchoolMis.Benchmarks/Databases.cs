using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace SchoolMis.Benchmarks;

/// <summary>One row of the AttendanceMarks table, as the raw baselines and the bulk load write it.</summary>
internal readonly record struct MarkRow(Guid Id, Guid TenantId, Guid PupilId, DateOnly Date, int Session, string Code, int Category,
    int? MinutesLate, Guid RegistrationGroupId, DateTimeOffset RecordedAt, string RecordedBy, string? Comment = null);

/// <summary>One row of the Registers table.</summary>
internal readonly record struct RegisterRow(Guid Id, Guid TenantId, Guid RegistrationGroupId, DateOnly Date, int Session,
    DateTimeOffset At, string By);

/// <summary>
/// A throwaway database for one provider, and the raw ADO.NET work the baselines do on it: a register save (30 marks
/// and the register row in one transaction), a bulk load of marks, and the statistics GROUP BY.
/// </summary>
internal abstract class BenchDatabase : IAsyncDisposable
{
    protected const string MarkColumns =
        "\"Id\", \"TenantId\", \"PupilId\", \"Date\", \"Session\", \"Code\", \"Category\", \"MinutesLate\", \"Comment\", \"RegistrationGroupId\", \"RecordedAt\", \"RecordedBy\"";
    protected const string RegisterColumns =
        "\"Id\", \"TenantId\", \"RegistrationGroupId\", \"Date\", \"Session\", \"FirstTakenAt\", \"FirstTakenBy\", \"LastSavedAt\", \"LastSavedBy\", \"Version\"";

    /// <summary>Display name: SQLite or PostgreSQL.</summary>
    public abstract string Name { get; }

    /// <summary>The app's Database:Provider value.</summary>
    public abstract string AppProvider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>The PostgreSQL database name (its backends' process titles carry it), for CPU accounting.</summary>
    public virtual string? ServerDatabaseName => null;

    /// <summary>The bulk load method, for the report.</summary>
    public abstract string BulkMethod { get; }

    public abstract Task CreateAsync();

    public abstract Task<string> DescribeAsync();

    /// <summary>Writes one register's marks and its register row in one transaction.</summary>
    public abstract Task SaveRegisterAsync(IReadOnlyList<MarkRow> marks, RegisterRow register);

    public abstract Task<long> BulkLoadAsync(IEnumerable<MarkRow> rows);

    /// <summary>
    /// The raw bulk insert of any rows into one table (the import baseline for groups, pupils and contacts): values are
    /// Guid, string, int, bool, DateOnly, DateTimeOffset or null, in the order of <paramref name="columns"/>.
    /// </summary>
    public abstract Task<long> BulkInsertAsync(string schema, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows);

    /// <summary>The floor: open a pooled connection and run SELECT 1.</summary>
    public abstract Task PingAsync();

    /// <summary>Brings planner statistics up to date after the bulk load (what autovacuum would do on a server).</summary>
    public abstract Task<string?> AfterBulkLoadAsync();

    /// <summary>The statistics query by hand: sessions by pupil and category over a date range. Returns (rows, marks counted).</summary>
    public abstract Task<(int Rows, long Marks)> RawStatisticsAsync(Guid tenantId, DateOnly from, DateOnly to);

    /// <summary>
    /// The census's database work by hand: the pupils a return is about, and sessions by pupil and code over each
    /// attendance window. Returns (pupil rows, grouped mark rows).
    /// </summary>
    public async Task<(int Pupils, int Groups)> RawCensusAsync(Guid tenantId, DateOnly censusDay, DateOnly leftSince, IReadOnlyList<(DateOnly From, DateOnly To)> windows)
    {
        await using var connection = await OpenConnectionAsync();
        var pupils = 0;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT * FROM {Table("pupils", "Pupils")} WHERE \"TenantId\" = @tenant AND \"AdmissionDate\" <= @day " +
                                  "AND (\"LeavingDate\" IS NULL OR \"LeavingDate\" >= @since) ORDER BY \"Surname\", \"Forename\", \"Upn\"";
            AddParameter(command, "tenant", tenantId);
            AddParameter(command, "day", censusDay);
            AddParameter(command, "since", leftSince);
            await using var reader = await command.ExecuteReaderAsync();
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync())
            {
                reader.GetValues(values);
                pupils++;
            }
        }
        var groups = 0;
        foreach (var (from, to) in windows)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"PupilId\", \"Code\", \"Category\", count(*) FROM {Table("attendance", "AttendanceMarks")} " +
                                  "WHERE \"TenantId\" = @tenant AND \"Date\" >= @from AND \"Date\" <= @to GROUP BY \"PupilId\", \"Code\", \"Category\"";
            AddParameter(command, "tenant", tenantId);
            AddParameter(command, "from", from);
            AddParameter(command, "to", to);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                _ = (reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3));
                groups++;
            }
        }
        return (pupils, groups);
    }

    protected abstract Task<DbConnection> OpenConnectionAsync();

    /// <summary>A module's table: schema-qualified on a server, bare on SQLite (which has no schemas).</summary>
    protected abstract string Table(string schema, string table);

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public abstract ValueTask DisposeAsync();

    protected static async Task<(int Rows, long Marks)> ReadCountsAsync(DbCommand command)
    {
        var rows = new List<(Guid Pupil, int Category, long Count)>(16_000);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((reader.GetGuid(0), reader.GetInt32(1), reader.GetInt64(2)));
        return (rows.Count, rows.Sum(r => r.Count));
    }
}

internal sealed class PostgresDatabase : BenchDatabase
{
    public const string DefaultAdmin = "Host=127.0.0.1;Port=55432;Username=schoolmis;Password=schoolmis;Database=postgres";
    private readonly string _admin;
    private readonly string _database = $"schoolmis_bench_{Guid.NewGuid():N}"[..32];
    private bool _created;

    public PostgresDatabase()
    {
        _admin = Environment.GetEnvironmentVariable("SCHOOLMIS_BENCH_PG") is { Length: > 0 } cs ? cs : DefaultAdmin;
        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString;
    }

    public override string Name => "PostgreSQL";
    public override string AppProvider => "PostgreSql";
    public override string ConnectionString { get; }
    public override string BulkMethod => "COPY ... FROM STDIN (FORMAT BINARY)";
    public override string? ServerDatabaseName => _database;

    public override async Task CreateAsync()
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
        await create.ExecuteNonQueryAsync();
        _created = true;
    }

    public override async Task<string> DescribeAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var settings = new StringBuilder();
        foreach (var name in new[] { "fsync", "synchronous_commit", "shared_buffers", "max_connections" })
        {
            await using var show = new NpgsqlCommand($"SHOW {name}", connection);
            settings.Append(CultureInfo.InvariantCulture, $"{name}={await show.ExecuteScalarAsync()} ");
        }
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {connection.PostgreSqlVersion} at {builder.Host}:{builder.Port}, database {_database}; {settings.ToString().Trim()}";
    }

    private static readonly string InsertMarks30 = BuildInsertMarks(30);
    private static readonly string InsertRegister =
        $"INSERT INTO attendance.\"Registers\" ({RegisterColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    private static string BuildInsertMarks(int rows)
    {
        var sql = new StringBuilder($"INSERT INTO attendance.\"AttendanceMarks\" ({MarkColumns}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < 12; c++)
                sql.Append(c == 0 ? "" : ", ").Append('$').Append(r * 12 + c + 1);
            sql.Append(')');
        }
        return sql.ToString();
    }

    public override async Task SaveRegisterAsync(IReadOnlyList<MarkRow> marks, RegisterRow register)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        var insertMarks = new NpgsqlBatchCommand(marks.Count == 30 ? InsertMarks30 : BuildInsertMarks(marks.Count));
        foreach (var m in marks)
            AddMarkParameters(insertMarks.Parameters, m);
        batch.BatchCommands.Add(insertMarks);
        batch.BatchCommands.Add(RegisterCommand(register));
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    public override async Task PingAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync();
    }

    private static readonly string InsertMark =
        $"INSERT INTO attendance.\"AttendanceMarks\" ({MarkColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

    /// <summary>The same rows the way EF Core sends them: one single-row INSERT per mark, all in one batch.</summary>
    public async Task SaveRegisterRowByRowAsync(IReadOnlyList<MarkRow> marks, RegisterRow register)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var m in marks)
        {
            var insert = new NpgsqlBatchCommand(InsertMark);
            AddMarkParameters(insert.Parameters, m);
            batch.BatchCommands.Add(insert);
        }
        batch.BatchCommands.Add(RegisterCommand(register));
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static void AddMarkParameters(NpgsqlParameterCollection p, in MarkRow m)
    {
        p.Add(new NpgsqlParameter<Guid> { TypedValue = m.Id });
        p.Add(new NpgsqlParameter<Guid> { TypedValue = m.TenantId });
        p.Add(new NpgsqlParameter<Guid> { TypedValue = m.PupilId });
        p.Add(new NpgsqlParameter<DateOnly> { TypedValue = m.Date });
        p.Add(new NpgsqlParameter<int> { TypedValue = m.Session });
        p.Add(new NpgsqlParameter<string> { TypedValue = m.Code });
        p.Add(new NpgsqlParameter<int> { TypedValue = m.Category });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)m.MinutesLate ?? DBNull.Value });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = (object?)m.Comment ?? DBNull.Value });
        p.Add(new NpgsqlParameter<Guid> { TypedValue = m.RegistrationGroupId });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = m.RecordedAt });
        p.Add(new NpgsqlParameter<string> { TypedValue = m.RecordedBy });
    }

    private static NpgsqlBatchCommand RegisterCommand(RegisterRow register)
    {
        var insert = new NpgsqlBatchCommand(InsertRegister);
        var p = insert.Parameters;
        p.Add(new NpgsqlParameter<Guid> { TypedValue = register.Id });
        p.Add(new NpgsqlParameter<Guid> { TypedValue = register.TenantId });
        p.Add(new NpgsqlParameter<Guid> { TypedValue = register.RegistrationGroupId });
        p.Add(new NpgsqlParameter<DateOnly> { TypedValue = register.Date });
        p.Add(new NpgsqlParameter<int> { TypedValue = register.Session });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = register.At });
        p.Add(new NpgsqlParameter<string> { TypedValue = register.By });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = register.At });
        p.Add(new NpgsqlParameter<string> { TypedValue = register.By });
        p.Add(new NpgsqlParameter<int> { TypedValue = 1 });
        return insert;
    }

    public override async Task<long> BulkLoadAsync(IEnumerable<MarkRow> rows)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        long count = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(
            $"COPY attendance.\"AttendanceMarks\" ({MarkColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var m in rows)
            {
                writer.StartRow();
                writer.Write(m.Id, NpgsqlDbType.Uuid);
                writer.Write(m.TenantId, NpgsqlDbType.Uuid);
                writer.Write(m.PupilId, NpgsqlDbType.Uuid);
                writer.Write(m.Date, NpgsqlDbType.Date);
                writer.Write(m.Session, NpgsqlDbType.Integer);
                writer.Write(m.Code, NpgsqlDbType.Varchar);
                writer.Write(m.Category, NpgsqlDbType.Integer);
                if (m.MinutesLate is { } late)
                    writer.Write(late, NpgsqlDbType.Integer);
                else
                    writer.WriteNull();
                if (m.Comment is { } comment)
                    writer.Write(comment, NpgsqlDbType.Varchar);
                else
                    writer.WriteNull();
                writer.Write(m.RegistrationGroupId, NpgsqlDbType.Uuid);
                writer.Write(m.RecordedAt, NpgsqlDbType.TimestampTz);
                writer.Write(m.RecordedBy, NpgsqlDbType.Varchar);
                count++;
            }
            await writer.CompleteAsync();
        }
        return count;
    }

    public override async Task<long> BulkInsertAsync(string schema, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        long count = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(
            $"COPY {schema}.\"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                writer.StartRow();
                foreach (var value in row)
                {
                    switch (value)
                    {
                        case null: writer.WriteNull(); break;
                        case Guid g: writer.Write(g, NpgsqlDbType.Uuid); break;
                        case string s: writer.Write(s, NpgsqlDbType.Varchar); break;
                        case int i: writer.Write(i, NpgsqlDbType.Integer); break;
                        case bool b: writer.Write(b, NpgsqlDbType.Boolean); break;
                        case DateOnly d: writer.Write(d, NpgsqlDbType.Date); break;
                        case DateTimeOffset t: writer.Write(t, NpgsqlDbType.TimestampTz); break;
                        default: throw new NotSupportedException(value.GetType().Name);
                    }
                }
                count++;
            }
            await writer.CompleteAsync();
        }
        return count;
    }

    public override async Task<string?> AfterBulkLoadAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE attendance.\"AttendanceMarks\"", connection) { CommandTimeout = 300 };
        await vacuum.ExecuteNonQueryAsync();
        return "VACUUM ANALYZE on AttendanceMarks (what autovacuum does on a server)";
    }

    protected override async Task<DbConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    protected override string Table(string schema, string table) => $"{schema}.\"{table}\"";

    public override async Task<(int Rows, long Marks)> RawStatisticsAsync(Guid tenantId, DateOnly from, DateOnly to)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT \"PupilId\", \"Category\", count(*) FROM attendance.\"AttendanceMarks\" " +
            "WHERE \"TenantId\" = $1 AND \"Date\" >= $2 AND \"Date\" <= $3 GROUP BY \"PupilId\", \"Category\"", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = to });
        return await ReadCountsAsync(command);
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (!_created)
            return;
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // FORCE ends our own lingering sessions; it may not end an autovacuum worker (another role), which a
                // plain DROP asks to stop, so the later attempts use that.
                await using var drop = new NpgsqlCommand(
                    $"DROP DATABASE IF EXISTS \"{_database}\"{(attempt == 1 ? " WITH (FORCE)" : "")}", connection) { CommandTimeout = 60 };
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (attempt < 5 && ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }
}

internal sealed class SqliteDatabase : BenchDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"schoolmis-bench-{Guid.NewGuid():N}.db");

    public SqliteDatabase() => ConnectionString = $"Data Source={_path}";

    public override string Name => "SQLite";
    public override string AppProvider => "Sqlite";
    public override string ConnectionString { get; }
    public override string BulkMethod => "prepared INSERT, one transaction";

    public override Task CreateAsync() => Task.CompletedTask; // the app's migrator creates the file

    public override async Task<string> DescribeAsync()
    {
        await using var connection = await OpenAsync();
        await using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        return $"SQLite {connection.ServerVersion} file {_path}; journal_mode={await mode.ExecuteScalarAsync()}, " +
               "per connection synchronous=NORMAL, busy_timeout=5000 (as the app sets them)";
    }

    /// <summary>Opens a pooled connection with the settings the app's interceptor gives every connection.</summary>
    private async Task<SqliteConnection> OpenAsync(bool bulk = false)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";
        await pragmas.ExecuteNonQueryAsync();
        if (bulk)
        {
            // The same 64 MB page cache the app's import gives its connection (SQLite's default is 2 MB).
            await using var cache = connection.CreateCommand();
            cache.CommandText = "PRAGMA cache_size=-65536";
            await cache.ExecuteNonQueryAsync();
        }
        return connection;
    }

    private static readonly string InsertMark =
        $"INSERT INTO \"AttendanceMarks\" ({MarkColumns}) VALUES ($id, $tenant, $pupil, $date, $session, $code, $category, $late, $comment, $group, $at, $by)";
    private static readonly string InsertRegister =
        $"INSERT INTO \"Registers\" ({RegisterColumns}) VALUES ($id, $tenant, $group, $date, $session, $at, $by, $at, $by, 1)";

    private static SqliteCommand MarkCommand(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertMark;
        foreach (var name in new[] { "$id", "$tenant", "$pupil", "$date", "$session", "$code", "$category", "$late", "$group", "$at", "$by", "$comment" })
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, in MarkRow m)
    {
        var p = command.Parameters;
        p[0].Value = m.Id;
        p[1].Value = m.TenantId;
        p[2].Value = m.PupilId;
        p[3].Value = m.Date;
        p[4].Value = m.Session;
        p[5].Value = m.Code;
        p[6].Value = m.Category;
        p[7].Value = (object?)m.MinutesLate ?? DBNull.Value;
        p[8].Value = m.RegistrationGroupId;
        p[9].Value = m.RecordedAt;
        p[10].Value = m.RecordedBy;
        p[11].Value = (object?)m.Comment ?? DBNull.Value;
    }

    public override async Task SaveRegisterAsync(IReadOnlyList<MarkRow> marks, RegisterRow register)
    {
        await using var connection = await OpenAsync();
        await using var transaction = connection.BeginTransaction(); // BEGIN IMMEDIATE, as EF's SaveChanges does
        await using (var command = MarkCommand(connection, transaction))
        {
            foreach (var m in marks)
            {
                Bind(command, m);
                await command.ExecuteNonQueryAsync();
            }
        }
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = InsertRegister;
            command.Parameters.AddWithValue("$id", register.Id);
            command.Parameters.AddWithValue("$tenant", register.TenantId);
            command.Parameters.AddWithValue("$group", register.RegistrationGroupId);
            command.Parameters.AddWithValue("$date", register.Date);
            command.Parameters.AddWithValue("$session", register.Session);
            command.Parameters.AddWithValue("$at", register.At);
            command.Parameters.AddWithValue("$by", register.By);
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    public override async Task PingAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync();
    }

    public override async Task<long> BulkLoadAsync(IEnumerable<MarkRow> rows)
    {
        await using var connection = await OpenAsync(bulk: true);
        await using var transaction = connection.BeginTransaction();
        long count = 0;
        await using (var command = MarkCommand(connection, transaction))
        {
            foreach (var m in rows)
            {
                Bind(command, m);
                command.ExecuteNonQuery();
                count++;
            }
        }
        await transaction.CommitAsync();
        return count;
    }

    public override async Task<long> BulkInsertAsync(string schema, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        await using var connection = await OpenAsync(bulk: true);
        await using var transaction = connection.BeginTransaction();
        long count = 0;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                                  $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            for (var i = 0; i < columns.Count; i++)
                command.Parameters.Add(new SqliteParameter { ParameterName = $"$p{i}" });
            command.Prepare();
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                    command.Parameters[i].Value = row[i] ?? DBNull.Value;
                command.ExecuteNonQuery();
                count++;
            }
        }
        await transaction.CommitAsync();
        return count;
    }

    // The app never runs ANALYZE on SQLite, so neither does the benchmark: the planner sees what production would.
    public override Task<string?> AfterBulkLoadAsync() => Task.FromResult<string?>(null);

    protected override async Task<DbConnection> OpenConnectionAsync() => await OpenAsync();

    protected override string Table(string schema, string table) => $"\"{table}\"";

    public override async Task<(int Rows, long Marks)> RawStatisticsAsync(Guid tenantId, DateOnly from, DateOnly to)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"PupilId\", \"Category\", count(*) FROM \"AttendanceMarks\" " +
                              "WHERE \"TenantId\" = $tenant AND \"Date\" >= $from AND \"Date\" <= $to GROUP BY \"PupilId\", \"Category\"";
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        return await ReadCountsAsync(command);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // best effort: a temp file
            }
        }
        return ValueTask.CompletedTask;
    }
}
