using Xunit;
using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Emit
{
    /// <summary>Swagger 2.0 documents: body parameters, formData fields (with files), host/basePath servers, definitions.</summary>
    public class Swagger2Tests
    {
        private const string Spec = """
            {
              "swagger": "2.0",
              "info": { "title": "Legacy Pets", "version": "1" },
              "host": "pets.example.com",
              "basePath": "/v2",
              "schemes": ["https"],
              "securityDefinitions": { "key": { "type": "apiKey", "in": "header", "name": "X-Api-Key" } },
              "security": [ { "key": [] } ],
              "paths": {
                "/pets": {
                  "post": {
                    "operationId": "addPet",
                    "parameters": [ { "in": "body", "name": "pet", "required": true, "schema": { "$ref": "#/definitions/Pet" } } ],
                    "responses": { "200": { "description": "ok", "schema": { "$ref": "#/definitions/Pet" } } }
                  },
                  "get": {
                    "operationId": "findPets",
                    "parameters": [ { "in": "query", "name": "tags", "type": "array", "items": { "type": "string" }, "collectionFormat": "multi" } ],
                    "responses": { "200": { "description": "ok", "schema": { "type": "array", "items": { "$ref": "#/definitions/Pet" } } } }
                  }
                },
                "/pets/{id}/photo": {
                  "post": {
                    "operationId": "uploadPhoto",
                    "consumes": ["multipart/form-data"],
                    "parameters": [
                      { "in": "path", "name": "id", "required": true, "type": "integer", "format": "int64" },
                      { "in": "formData", "name": "caption", "type": "string" },
                      { "in": "formData", "name": "file", "required": true, "type": "file" }
                    ],
                    "responses": { "204": { "description": "stored" } }
                  }
                },
                "/pets/{id}/rename": {
                  "post": {
                    "operationId": "renamePet",
                    "consumes": ["application/x-www-form-urlencoded"],
                    "parameters": [
                      { "in": "path", "name": "id", "required": true, "type": "integer", "format": "int64" },
                      { "in": "formData", "name": "name", "required": true, "type": "string" }
                    ],
                    "responses": { "204": { "description": "renamed" } }
                  }
                }
              },
              "definitions": {
                "Pet": { "type": "object", "required": ["name"], "properties": { "id": { "type": "integer", "format": "int64", "x-nullable": true }, "name": { "type": "string" } } }
              }
            }
            """;

        [Fact]
        public void A_swagger_2_document_gets_a_compiling_client_with_body_form_and_file_parameters()
        {
            var result = GeneratorHarness.Run(new SpecFile("/specs/legacy.json", Spec));

            Assert.Empty(result.Diagnostics);
            Assert.Empty(result.CompilationProblems);
            var client = result.Source("Consumer.LegacyPets.LegacyPetsClient.g.cs");
            Assert.Contains("new global::System.Uri(\"https://pets.example.com/v2\")", client);
            Assert.Contains("global::YEScale.Toolkit.ApiAuthentication.Header(\"X-Api-Key\")", client);
            Assert.Contains("AddPetAsync(Pet body,", client);
            Assert.Contains("foreach (var item__ in tags)", client); // collectionFormat multi repeats the name
            Assert.Contains("UploadPhotoAsync(long id, UploadPhotoForm form,", client);
            Assert.Contains("form__.AddFile(\"file\", form.File);", client);
            Assert.Contains("request__.Content = form__.ToMultipart();", client);
            Assert.Contains("RenamePetAsync(long id, RenamePetForm form,", client);
            Assert.Contains("request__.Content = form__.ToUrlEncoded();", client);
        }
    }
}
