import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

// Validates answers against the schemas of the served OpenAPI document itself (JSON Schema 2020-12, as OpenAPI 3.1).

export interface OperationRef {
  operationId: string;
  path: string;
  method: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Omit<OperationRef, "path" | "method">>>;
}

const pointer = (segment: string) => segment.replaceAll("~", "~0").replaceAll("/", "~1");

export class DocumentValidator {
  private readonly ajv: Ajv2020;
  readonly operations = new Map<string, OperationRef>();

  constructor(readonly doc: OpenApiDoc) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats.default(this.ajv);
    this.ajv.addFormat("binary", true);
    this.ajv.addSchema({ ...(doc as object), $id: "openapi" });
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) this.operations.set(op.operationId, { ...op, path, method });
    }
  }

  /** Throws unless `status` is documented for the operation and `body` matches the schema documented for it. */
  check(operationId: string, status: number, contentType: string | null, body: unknown): void {
    const op = this.operations.get(operationId);
    if (!op) throw new Error(`no operation ${operationId} in the document`);
    const response = op.responses[String(status)];
    if (!response)
      throw new Error(`${operationId}: status ${status} is not documented (${Object.keys(op.responses).join(", ")}): ${JSON.stringify(body)}`);
    if (!response.content) {
      if (body !== undefined && body !== null && body !== "")
        throw new Error(`${operationId}: ${status} documents no body, got ${JSON.stringify(body)}`);
      return;
    }
    const type = (contentType ?? "").split(";")[0]?.trim() ?? "";
    if (!(type in response.content))
      throw new Error(`${operationId}: ${status} answered ${type}, documented ${Object.keys(response.content).join(", ")}`);
    // A binary answer (the export zip) is checked for its documented type; tests read its content themselves.
    if (!type.includes("json")) return;
    const ref = `openapi#/paths/${pointer(op.path)}/${op.method}/responses/${status}/content/${pointer(type)}/schema`;
    const validate = this.ajv.getSchema(ref) ?? this.ajv.compile({ $ref: ref });
    if (!validate(body)) {
      throw new Error(
        `${operationId} ${status}: the answer does not match its schema: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 2000)}`,
      );
    }
  }
}
