using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SchoolMis.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddContactsAndSiblings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Contacts",
                schema: "pupils",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Surname = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Forename = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Relationship = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ParentalResponsibility = table.Column<bool>(type: "INTEGER", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AddressAsPupil = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contacts_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalSchema: "pupils",
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SiblingLinks",
                schema: "pupils",
                columns: table => new
                {
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiblingExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiblingLinks", x => new { x.PupilId, x.SiblingExternalId });
                    table.ForeignKey(
                        name: "FK_SiblingLinks_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalSchema: "pupils",
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactPhones",
                schema: "pupils",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactPhones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactPhones_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalSchema: "pupils",
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContactPhones_ContactId",
                schema: "pupils",
                table: "ContactPhones",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_PupilId",
                schema: "pupils",
                table: "Contacts",
                column: "PupilId");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_TenantId_ExternalId",
                schema: "pupils",
                table: "Contacts",
                columns: new[] { "TenantId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_TenantId_PupilId_Order",
                schema: "pupils",
                table: "Contacts",
                columns: new[] { "TenantId", "PupilId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_SiblingLinks_TenantId_SiblingExternalId",
                schema: "pupils",
                table: "SiblingLinks",
                columns: new[] { "TenantId", "SiblingExternalId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactPhones",
                schema: "pupils");

            migrationBuilder.DropTable(
                name: "SiblingLinks",
                schema: "pupils");

            migrationBuilder.DropTable(
                name: "Contacts",
                schema: "pupils");
        }
    }
}
