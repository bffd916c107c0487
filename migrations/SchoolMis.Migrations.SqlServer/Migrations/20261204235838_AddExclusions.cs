using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SchoolMis.Migrations.SqlServer.Migrations
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PupilId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ExternalId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Category = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Reason1 = table.Column<string>(type: "nvarchar(2)", maxLength: 2, nullable: false),
                    Reason2 = table.Column<string>(type: "nvarchar(2)", maxLength: 2, nullable: true),
                    Reason3 = table.Column<string>(type: "nvarchar(2)", maxLength: 2, nullable: true),
                    Sessions = table.Column<int>(type: "int", nullable: false),
                    ReinstatementDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Notes = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    AlternativeProvision = table.Column<bool>(type: "bit", nullable: false)
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
                unique: true,
                filter: "[ExternalId] IS NOT NULL");

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
