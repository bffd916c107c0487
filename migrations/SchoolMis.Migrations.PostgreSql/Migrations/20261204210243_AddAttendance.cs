using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SchoolMis.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddAttendance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "attendance");

            migrationBuilder.CreateTable(
                name: "AcademicYears",
                schema: "attendance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    MorningStarts = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    AfternoonStarts = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    RegisterOpenMinutes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcademicYears", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AttendanceMarks",
                schema: "attendance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Session = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Category = table.Column<int>(type: "integer", nullable: false),
                    MinutesLate = table.Column<int>(type: "integer", nullable: true),
                    Comment = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RegistrationGroupId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttendanceMarks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GroupTutors",
                schema: "pupils",
                columns: table => new
                {
                    RegistrationGroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupTutors", x => new { x.RegistrationGroupId, x.UserId });
                    table.ForeignKey(
                        name: "FK_GroupTutors_RegistrationGroups_RegistrationGroupId",
                        column: x => x.RegistrationGroupId,
                        principalSchema: "pupils",
                        principalTable: "RegistrationGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NonSchoolDays",
                schema: "attendance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NonSchoolDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Registers",
                schema: "attendance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegistrationGroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Session = table.Column<int>(type: "integer", nullable: false),
                    FirstTakenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstTakenBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LastSavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSavedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Registers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Terms",
                schema: "attendance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    AcademicYearId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    HalfTermStart = table.Column<DateOnly>(type: "date", nullable: true),
                    HalfTermEnd = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Terms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Terms_AcademicYears_AcademicYearId",
                        column: x => x.AcademicYearId,
                        principalSchema: "attendance",
                        principalTable: "AcademicYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MarkAmendments",
                schema: "attendance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    MarkId = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Session = table.Column<int>(type: "integer", nullable: false),
                    PreviousCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    PreviousMinutesLate = table.Column<int>(type: "integer", nullable: true),
                    PreviousComment = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PreviousRecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PreviousRecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NewCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    NewMinutesLate = table.Column<int>(type: "integer", nullable: true),
                    NewComment = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    AmendedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AmendedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarkAmendments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MarkAmendments_AttendanceMarks_MarkId",
                        column: x => x.MarkId,
                        principalSchema: "attendance",
                        principalTable: "AttendanceMarks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AcademicYears_TenantId_StartDate",
                schema: "attendance",
                table: "AcademicYears",
                columns: new[] { "TenantId", "StartDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceMarks_TenantId_Date_PupilId_Category",
                schema: "attendance",
                table: "AttendanceMarks",
                columns: new[] { "TenantId", "Date", "PupilId", "Category" });

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceMarks_TenantId_Date_RegistrationGroupId_Session",
                schema: "attendance",
                table: "AttendanceMarks",
                columns: new[] { "TenantId", "Date", "RegistrationGroupId", "Session" });

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceMarks_TenantId_PupilId_Date_Session",
                schema: "attendance",
                table: "AttendanceMarks",
                columns: new[] { "TenantId", "PupilId", "Date", "Session" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GroupTutors_TenantId_UserId",
                schema: "pupils",
                table: "GroupTutors",
                columns: new[] { "TenantId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_MarkAmendments_MarkId",
                schema: "attendance",
                table: "MarkAmendments",
                column: "MarkId");

            migrationBuilder.CreateIndex(
                name: "IX_MarkAmendments_TenantId_MarkId",
                schema: "attendance",
                table: "MarkAmendments",
                columns: new[] { "TenantId", "MarkId" });

            migrationBuilder.CreateIndex(
                name: "IX_MarkAmendments_TenantId_PupilId_Date",
                schema: "attendance",
                table: "MarkAmendments",
                columns: new[] { "TenantId", "PupilId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_NonSchoolDays_TenantId_Date",
                schema: "attendance",
                table: "NonSchoolDays",
                columns: new[] { "TenantId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Registers_TenantId_Date",
                schema: "attendance",
                table: "Registers",
                columns: new[] { "TenantId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Registers_TenantId_RegistrationGroupId_Date_Session",
                schema: "attendance",
                table: "Registers",
                columns: new[] { "TenantId", "RegistrationGroupId", "Date", "Session" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Terms_AcademicYearId",
                schema: "attendance",
                table: "Terms",
                column: "AcademicYearId");

            migrationBuilder.CreateIndex(
                name: "IX_Terms_TenantId_AcademicYearId",
                schema: "attendance",
                table: "Terms",
                columns: new[] { "TenantId", "AcademicYearId" });

            migrationBuilder.CreateIndex(
                name: "IX_Terms_TenantId_StartDate",
                schema: "attendance",
                table: "Terms",
                columns: new[] { "TenantId", "StartDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GroupTutors",
                schema: "pupils");

            migrationBuilder.DropTable(
                name: "MarkAmendments",
                schema: "attendance");

            migrationBuilder.DropTable(
                name: "NonSchoolDays",
                schema: "attendance");

            migrationBuilder.DropTable(
                name: "Registers",
                schema: "attendance");

            migrationBuilder.DropTable(
                name: "Terms",
                schema: "attendance");

            migrationBuilder.DropTable(
                name: "AttendanceMarks",
                schema: "attendance");

            migrationBuilder.DropTable(
                name: "AcademicYears",
                schema: "attendance");
        }
    }
}
