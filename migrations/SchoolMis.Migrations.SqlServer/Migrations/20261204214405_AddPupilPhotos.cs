using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SchoolMis.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddPupilPhotos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PupilPhotos",
                schema: "pupils",
                columns: table => new
                {
                    PupilId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Jpeg = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PupilPhotos", x => x.PupilId);
                    table.ForeignKey(
                        name: "FK_PupilPhotos_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalSchema: "pupils",
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PupilPhotos_TenantId",
                schema: "pupils",
                table: "PupilPhotos",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PupilPhotos",
                schema: "pupils");
        }
    }
}
