using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SchoolMis.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddCensus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "census");

            migrationBuilder.CreateTable(
                name: "Checks",
                schema: "census",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Term = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    CheckedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CheckedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Errors = table.Column<int>(type: "INTEGER", nullable: false),
                    Queries = table.Column<int>(type: "INTEGER", nullable: false),
                    PupilsOnRoll = table.Column<int>(type: "INTEGER", nullable: false),
                    PupilsNoLongerOnRoll = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Checks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReturnFiles",
                schema: "census",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Term = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    SerialNo = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ProducedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ProducedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    PupilsOnRoll = table.Column<int>(type: "INTEGER", nullable: false),
                    PupilsNoLongerOnRoll = table.Column<int>(type: "INTEGER", nullable: false),
                    Errors = table.Column<int>(type: "INTEGER", nullable: false),
                    Queries = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnFiles", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Checks_TenantId_Year_Term",
                schema: "census",
                table: "Checks",
                columns: new[] { "TenantId", "Year", "Term" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReturnFiles_TenantId_Year_Term_SerialNo",
                schema: "census",
                table: "ReturnFiles",
                columns: new[] { "TenantId", "Year", "Term", "SerialNo" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Checks",
                schema: "census");

            migrationBuilder.DropTable(
                name: "ReturnFiles",
                schema: "census");
        }
    }
}
