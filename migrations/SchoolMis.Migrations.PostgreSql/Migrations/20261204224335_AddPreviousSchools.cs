using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SchoolMis.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddPreviousSchools : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PreviousSchools",
                schema: "pupils",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    LaCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    Estab = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    Urn = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    SchoolName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EntryDate = table.Column<DateOnly>(type: "date", nullable: true),
                    LeavingDate = table.Column<DateOnly>(type: "date", nullable: true),
                    LeavingReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreviousSchools", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PreviousSchools_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalSchema: "pupils",
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PreviousSchools_PupilId",
                schema: "pupils",
                table: "PreviousSchools",
                column: "PupilId");

            migrationBuilder.CreateIndex(
                name: "IX_PreviousSchools_TenantId_PupilId",
                schema: "pupils",
                table: "PreviousSchools",
                columns: new[] { "TenantId", "PupilId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PreviousSchools",
                schema: "pupils");
        }
    }
}
