using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SchoolMis.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddMeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "meals");

            migrationBuilder.CreateTable(
                name: "FsmPeriods",
                schema: "meals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    UkCountry = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FsmPeriods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FsmReviews",
                schema: "meals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewDate = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FsmReviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MealTypes",
                schema: "meals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    CountsAsSchoolLunch = table.Column<bool>(type: "boolean", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MealTypes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MealRecords",
                schema: "meals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    MealTypeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Paid = table.Column<bool>(type: "boolean", nullable: false),
                    RegistrationGroupId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MealRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MealRecords_MealTypes_MealTypeId",
                        column: x => x.MealTypeId,
                        principalSchema: "meals",
                        principalTable: "MealTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FsmPeriods_TenantId_PupilId_StartDate",
                schema: "meals",
                table: "FsmPeriods",
                columns: new[] { "TenantId", "PupilId", "StartDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FsmPeriods_TenantId_StartDate_EndDate",
                schema: "meals",
                table: "FsmPeriods",
                columns: new[] { "TenantId", "StartDate", "EndDate" });

            migrationBuilder.CreateIndex(
                name: "IX_FsmReviews_TenantId_PupilId",
                schema: "meals",
                table: "FsmReviews",
                columns: new[] { "TenantId", "PupilId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MealRecords_MealTypeId",
                schema: "meals",
                table: "MealRecords",
                column: "MealTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_MealRecords_TenantId_Date_RegistrationGroupId",
                schema: "meals",
                table: "MealRecords",
                columns: new[] { "TenantId", "Date", "RegistrationGroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_MealRecords_TenantId_MealTypeId",
                schema: "meals",
                table: "MealRecords",
                columns: new[] { "TenantId", "MealTypeId" });

            migrationBuilder.CreateIndex(
                name: "IX_MealRecords_TenantId_PupilId_Date",
                schema: "meals",
                table: "MealRecords",
                columns: new[] { "TenantId", "PupilId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MealTypes_TenantId_Code",
                schema: "meals",
                table: "MealTypes",
                columns: new[] { "TenantId", "Code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FsmPeriods",
                schema: "meals");

            migrationBuilder.DropTable(
                name: "FsmReviews",
                schema: "meals");

            migrationBuilder.DropTable(
                name: "MealRecords",
                schema: "meals");

            migrationBuilder.DropTable(
                name: "MealTypes",
                schema: "meals");
        }
    }
}
