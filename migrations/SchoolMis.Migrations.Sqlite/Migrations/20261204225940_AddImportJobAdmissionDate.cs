using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SchoolMis.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddImportJobAdmissionDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AdmissionDate",
                schema: "imports",
                table: "ImportJobs",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AdmissionDate",
                schema: "imports",
                table: "ImportJobs");
        }
    }
}
