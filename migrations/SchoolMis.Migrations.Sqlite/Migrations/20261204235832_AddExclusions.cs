using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SchoolMis.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddExclusions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "exclusions");

            migrationBuilder.CreateTable(
                name: "Exclusions",
                schema: "exclusions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reason1 = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Reason2 = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Reason3 = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Sessions = table.Column<int>(type: "INTEGER", nullable: false),
                    ReinstatementDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AlternativeProvision = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Exclusions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Exclusions_TenantId_ExternalId",
                schema: "exclusions",
                table: "Exclusions",
                columns: new[] { "TenantId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Exclusions_TenantId_PupilId_StartDate",
                schema: "exclusions",
                table: "Exclusions",
                columns: new[] { "TenantId", "PupilId", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Exclusions_TenantId_StartDate",
                schema: "exclusions",
                table: "Exclusions",
                columns: new[] { "TenantId", "StartDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Exclusions",
                schema: "exclusions");
        }
    }
}
