using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SchoolMis.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddSen : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "sen");

            migrationBuilder.CreateTable(
                name: "Notes",
                schema: "sen",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    WrittenBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProvisionPeriods",
                schema: "sen",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Provision = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PrimaryNeed = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    SecondaryNeed = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    PlanIssueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PlanLastReviewDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PlanReviewDueOverride = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvisionPeriods", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notes_TenantId_PupilId_Date",
                schema: "sen",
                table: "Notes",
                columns: new[] { "TenantId", "PupilId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionPeriods_TenantId_EndDate_Provision",
                schema: "sen",
                table: "ProvisionPeriods",
                columns: new[] { "TenantId", "EndDate", "Provision" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionPeriods_TenantId_PupilId_StartDate",
                schema: "sen",
                table: "ProvisionPeriods",
                columns: new[] { "TenantId", "PupilId", "StartDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Notes",
                schema: "sen");

            migrationBuilder.DropTable(
                name: "ProvisionPeriods",
                schema: "sen");
        }
    }
}
