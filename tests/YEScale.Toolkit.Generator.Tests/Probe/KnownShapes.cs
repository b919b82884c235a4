using YEScale.Toolkit.Generator.Tests.Infrastructure;

namespace YEScale.Toolkit.Generator.Tests.Probe
{
    /// <summary>
    /// Two small documents with the shapes the probe exists for: OpenAPI 3.0 <c>nullable</c> value types, 3.1 type
    /// lists and <c>anyOf</c> with <c>{type: null}</c>, string-or-object unions (also as OpenAI writes a nullable one:
    /// <c>allOf: [$ref union, {nullable: true}]</c>), a discriminated union, typed strings, maps with null values,
    /// read-only and write-only members, and recursion.
    /// </summary>
    internal static class KnownShapes
    {
        public const string OpenApi30 = """
            openapi: 3.0.3
            info:
              title: Probe Shapes
              version: "1"
            paths:
              /jobs/{id}:
                get:
                  operationId: getJob
                  parameters:
                    - name: id
                      in: path
                      required: true
                      schema:
                        type: string
                  responses:
                    '200':
                      description: The job.
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/Job'
              /jobs:
                post:
                  operationId: createJob
                  requestBody:
                    content:
                      application/json:
                        schema:
                          $ref: '#/components/schemas/JobRequest'
                  responses:
                    '200':
                      description: The job.
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/Job'
            components:
              schemas:
                Job:
                  type: object
                  required: [id, progress, done]
                  properties:
                    id: { type: string, format: uuid, readOnly: true }
                    progress: { type: number, format: double, nullable: true }
                    done: { type: boolean, nullable: true }
                    attempts: { type: integer, format: int32, nullable: true }
                    size: { type: integer, format: int64 }
                    created_at: { type: string, format: date-time, nullable: true }
                    finished_at: { type: integer, format: unix-time, nullable: true }
                    started_ms: { type: integer, format: unix-time-ms }
                    due: { type: string, format: date }
                    ratio: { type: number, format: float, minimum: 0, maximum: 1 }
                    checksum: { type: string, format: byte }
                    note: { type: string, nullable: true, maxLength: 10 }
                    output:
                      oneOf:
                        - type: string
                        - $ref: '#/components/schemas/Output'
                    labels:
                      type: object
                      additionalProperties: { type: string, nullable: true }
                    scores:
                      type: array
                      maxItems: 4
                      items: { type: number, nullable: true }
                    meta: { type: object }
                    pet:
                      $ref: '#/components/schemas/Pet'
                    tool_choice:
                      allOf:
                        - $ref: '#/components/schemas/ToolChoice'
                        - nullable: true
                ToolChoice:
                  oneOf:
                    - type: string
                      enum: [none, auto]
                    - $ref: '#/components/schemas/NamedTool'
                NamedTool:
                  type: object
                  required: [type, name]
                  properties:
                    type: { type: string, enum: [function] }
                    name: { type: string }
                JobRequest:
                  type: object
                  required: [name]
                  properties:
                    name: { type: string, minLength: 1 }
                    secret: { type: string, writeOnly: true }
                    priority: { type: integer, enum: [1, 2, 3] }
                    kind: { type: string, enum: [fast, slow] }
                    parent:
                      $ref: '#/components/schemas/JobRequest'
                Output:
                  type: object
                  additionalProperties: false
                  required: [url]
                  properties:
                    url: { type: string, format: uri }
                    bytes: { type: integer, nullable: true }
                Pet:
                  oneOf:
                    - $ref: '#/components/schemas/Cat'
                    - $ref: '#/components/schemas/Dog'
                  discriminator:
                    propertyName: pet_type
                    mapping:
                      cat: '#/components/schemas/Cat'
                      dog: '#/components/schemas/Dog'
                Cat:
                  type: object
                  required: [pet_type]
                  properties:
                    pet_type: { type: string }
                    lives: { type: integer }
                Dog:
                  type: object
                  required: [pet_type]
                  properties:
                    pet_type: { type: string }
                    bark: { type: string, nullable: true }
            """;

        public const string OpenApi31 = """
            {
              "openapi": "3.1.0",
              "info": { "title": "Probe Shapes 31", "version": "1" },
              "paths": {
                "/tasks/{id}": {
                  "get": {
                    "operationId": "getTask",
                    "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } } ],
                    "responses": {
                      "200": { "description": "The task.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Task" } } } }
                    }
                  }
                }
              },
              "components": {
                "schemas": {
                  "Task": {
                    "type": "object",
                    "required": [ "id", "progress", "parent" ],
                    "properties": {
                      "id": { "type": "string" },
                      "progress": { "type": [ "number", "null" ] },
                      "finished": { "type": [ "boolean", "null" ] },
                      "eta": { "anyOf": [ { "type": "integer" }, { "type": "null" } ] },
                      "result": { "anyOf": [ { "type": "string" }, { "$ref": "#/components/schemas/Result" }, { "type": "null" } ] },
                      "status": { "oneOf": [ { "const": "queued" }, { "const": "running" } ] },
                      "error": { "anyOf": [ { "$ref": "#/components/schemas/Error" }, { "type": "null" } ] },
                      "parent": { "anyOf": [ { "$ref": "#/components/schemas/Task" }, { "type": "null" } ] },
                      "children": { "type": "array", "items": { "$ref": "#/components/schemas/Task" } }
                    }
                  },
                  "Result": { "type": "object", "required": [ "text" ], "properties": { "text": { "type": "string" } } },
                  "Error": { "type": "object", "properties": { "code": { "type": [ "integer", "null" ] }, "message": { "type": "string" } } }
                }
              }
            }
            """;

        public static SpecFile File30 => new SpecFile("/probe/known-shapes-30.yaml", OpenApi30);

        public static SpecFile File31 => new SpecFile("/probe/known-shapes-31.json", OpenApi31);

        public static SpecFile Named(string name) => name == "3.0" ? File30 : File31;
    }
}
