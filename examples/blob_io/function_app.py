"""Blob Storage: polling and Event Grid blob triggers, blob input and output on HTTP functions."""

import hashlib
import logging

import azfunc as func

app = func.FunctionApp()


@app.blob_trigger(arg_name="myblob", path="uploads/{name}", connection="AzureWebJobsStorage")
def log_upload(myblob: func.InputStream) -> None:
    """Log every blob written to the uploads container."""
    logging.info(
        "Python blob trigger function processed blob\nName: %s\nBlob Size: %s bytes",
        myblob.name,
        myblob.length,
    )


@app.blob_trigger(
    arg_name="image",
    path="images/{name}",
    connection="ImagesStorage",
    source=func.BlobSource.EVENT_GRID,
)
@app.blob_output(
    arg_name="checksum", path="checksums/{name}.sha256", connection="ImagesStorage"
)
def checksum_image(image: func.InputStream, checksum: func.Out[str]) -> None:
    """Store the SHA-256 of each new image; Event Grid delivers the blob events."""
    digest = hashlib.sha256(image.read()).hexdigest()
    checksum.set(digest)


@app.route(route="files/{name}", methods=["GET"])
@app.blob_input(
    arg_name="file",
    path="files/{name}",
    connection="AzureWebJobsStorage",
    data_type=func.DataType.STRING,
)
def read_file(req: func.HttpRequest, file: str) -> func.HttpResponse:
    """Return a text blob named in the URL."""
    if file is None:
        return func.HttpResponse("Not found", status_code=404)
    return func.HttpResponse(file, mimetype="text/plain")


@app.route(route="files/{name}", methods=["PUT"])
@app.blob_output(arg_name="outfile", path="files/{name}", connection="AzureWebJobsStorage")
def write_file(req: func.HttpRequest, outfile: func.Out[bytes]) -> func.HttpResponse:
    """Save the request body as a blob."""
    body = req.get_body()
    outfile.set(body)
    return func.HttpResponse(f"Stored {len(body)} bytes", status_code=201)


@app.function_name(name="CopyBlob")
@app.route(route="copy/{name}", methods=["POST"])
@app.blob_input(
    arg_name="source", path="files/{name}", connection="AzureWebJobsStorage", data_type="binary"
)
@app.blob_output(
    arg_name="target",
    path="archive/{name}",
    connection="ArchiveStorage",
    data_type=func.DataType.BINARY,
)
def copy_blob(req: func.HttpRequest, source: bytes, target: func.Out[bytes]) -> func.HttpResponse:
    """Copy a blob into the archive account."""
    target.set(source)
    return func.HttpResponse(f"Copied {len(source)} bytes")
