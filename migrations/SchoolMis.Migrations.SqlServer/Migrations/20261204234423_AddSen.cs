using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SchoolMis.Migrations.SqlServer.Migrations
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PupilId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    WrittenBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PupilId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Provision = table.Column<string>(type: "nvarchar(1)", maxLength: 1, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: true),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    PrimaryNeed = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: true),
                    SecondaryNeed = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: true),
                    PlanIssueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    PlanLastReviewDate = table.Column<DateOnly>(type: "date", nullable: true),
                    PlanReviewDueOverride = table.Column<DateOnly>(type: "date", nullable: true)
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
