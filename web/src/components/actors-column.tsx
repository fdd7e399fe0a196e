import type { Column } from "../pages/record-list.tsx";
import { ActorName } from "./actors.tsx";

/** A list column of actor ids (a record's owners, participants...), each shown by its name. */
export const actorsColumn = (header: string, field: string): Column => ({
  header,
  cell: (record) =>
    ((record[field] as string[] | undefined) ?? []).map((id, i) => (
      <span key={id}>
        {i ? ", " : ""}
        <ActorName id={id} />
      </span>
    )),
});
