"""A blob path token declared as a parameter: the worker passes only bindings."""

import azfunc as func

app = func.FunctionApp()


@app.blob_trigger(arg_name="upload", path="uploads/{name}", connection="AzureWebJobsStorage")
def on_upload(upload: func.InputStream, name: str) -> None:
    print(name, upload.length)
